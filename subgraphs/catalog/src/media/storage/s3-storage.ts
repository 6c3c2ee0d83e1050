import type { S3MediaConfig } from '../media.config';
import { parseMediaKey } from '../media-key';
import { ObjectTooLargeError, type MediaStorage, type UploadRequest, type UploadTarget } from './media-storage';
import { amzDate, authorizationHeader, EMPTY_PAYLOAD_HASH, presignUrl, type AwsCredentials } from './sigv4';

/**
 * Objects in an S3-compatible bucket, addressed path-style (`<endpoint>/<bucket>/<key>`, which MinIO
 * and most stand-ins need), every request signed with Signature V4 (sigv4.ts). Uploads are presigned
 * PUTs that sign the declared type and size and `If-None-Match: *`, so the URL stores one object of
 * that size once and never overwrites it.
 */
export class S3Storage implements MediaStorage {
  readonly kind = 's3' as const;
  private readonly credentials: AwsCredentials;

  constructor(
    private readonly config: S3MediaConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region, service: 's3' };
  }

  async presignUpload(key: string, request: UploadRequest): Promise<UploadTarget> {
    const url = this.objectUrl(key);
    const now = this.now();
    const expiresSeconds = Math.max(1, Math.floor((request.expiresAt.getTime() - now.getTime()) / 1000));
    const signedHeaders = { 'content-type': request.contentType, 'if-none-match': '*' };
    const presigned = presignUrl(
      { method: 'PUT', url, headers: { host: url.host, ...signedHeaders, 'content-length': String(request.byteSize) } },
      this.credentials,
      now,
      expiresSeconds,
    );
    // Content-Length is signed too; HTTP clients set it from the body, which must be exactly byteSize bytes
    return { url: presigned.toString(), headers: signedHeaders };
  }

  async read(key: string, maxBytes: number): Promise<Buffer | null> {
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (response.status !== 200 || !response.body) throw await s3Error('GET', response);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body.cancel();
      throw new ObjectTooLargeError(maxBytes);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body) {
      received += chunk.length;
      if (received > maxBytes) throw new ObjectTooLargeError(maxBytes);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    await response.body?.cancel();
    if (response.status !== 204 && response.status !== 200 && response.status !== 404) throw await s3Error('DELETE', response);
  }

  publicUrl(key: string): string {
    return `${this.config.publicUrl}/${key}`;
  }

  private send(method: 'GET' | 'DELETE', key: string): Promise<Response> {
    const url = this.objectUrl(key);
    const now = this.now();
    const headers: Record<string, string> = { host: url.host, 'x-amz-date': amzDate(now), 'x-amz-content-sha256': EMPTY_PAYLOAD_HASH };
    headers.authorization = authorizationHeader({ method, url, headers, payloadHash: EMPTY_PAYLOAD_HASH }, this.credentials, now);
    const { host: _host, ...sent } = headers;
    return fetch(url, { method, headers: sent });
  }

  private objectUrl(key: string): URL {
    if (!parseMediaKey(key)) throw new Error(`Not a media key: ${JSON.stringify(key)}`);
    return new URL(`${this.config.endpoint}/${this.config.bucket}/${key}`);
  }
}

async function s3Error(method: string, response: Response): Promise<Error> {
  const text = await response.text().catch(() => '');
  return new Error(`S3 ${method} answered ${response.status}: ${text.slice(0, 300)}`);
}
