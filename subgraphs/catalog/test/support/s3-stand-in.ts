import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an S3-compatible store, path-style (`/<bucket>/<key>`), keeping objects in memory.
 * It checks every request's Signature V4 itself, computed here from the specification
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html), not with the
 * signer under test: header-signed GET/DELETE and presigned (query-string) PUTs with their expiry,
 * the signed Content-Length and `If-None-Match: *`.
 */
export interface S3StandIn {
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Why requests were refused, in order. */
  refusals: string[];
  close(): Promise<void>;
}

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

function expectedSignature(
  secret: string,
  region: string,
  request: IncomingMessage,
  query: [string, string][],
  signedHeaders: string[],
  payloadHash: string,
  stamp: string,
): string {
  const rawPath = (request.url ?? '/').split('?')[0];
  const canonicalPath = rawPath
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/');
  // sorted by encoded name (byte order), then value
  const canonicalQuery = query
    .map(([key, value]) => [encode(key), encode(value)])
    .sort(([keyA, valueA], [keyB, valueB]) => Buffer.compare(Buffer.from(keyA), Buffer.from(keyB)) || Buffer.compare(Buffer.from(valueA), Buffer.from(valueB)))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const headerLines = signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join('');
  const canonical = [request.method, canonicalPath, canonicalQuery, headerLines, signedHeaders.join(';'), payloadHash].join('\n');
  const day = stamp.slice(0, 8);
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', stamp, scope, hash(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function stampTime(stamp: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
  if (!match) return NaN;
  return Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6]);
}

export async function startS3StandIn(options: { bucket: string; region: string; accessKeyId: string; secretAccessKey: string }): Promise<S3StandIn> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const refusals: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const refuse = (status: number, reason: string) => {
      refusals.push(reason);
      response.writeHead(status, { 'content-type': 'application/xml' }).end(`<Error><Code>${reason}</Code></Error>`);
    };
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const [, bucket, ...keyParts] = url.pathname.split('/');
    const key = keyParts.map(decodeURIComponent).join('/');
    if (bucket !== options.bucket) return refuse(404, 'NoSuchBucket');

    const query = [...url.searchParams.entries()];
    if (url.searchParams.has('X-Amz-Signature')) {
      // presigned
      const credential = url.searchParams.get('X-Amz-Credential') ?? '';
      const stamp = url.searchParams.get('X-Amz-Date') ?? '';
      const expires = Number(url.searchParams.get('X-Amz-Expires'));
      const signedHeaders = (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
      if (credential !== `${options.accessKeyId}/${stamp.slice(0, 8)}/${options.region}/s3/aws4_request`) return refuse(403, 'InvalidAccessKeyId');
      const given = url.searchParams.get('X-Amz-Signature') ?? '';
      const expected = expectedSignature(
        options.secretAccessKey,
        options.region,
        request,
        query.filter(([name]) => name !== 'X-Amz-Signature'),
        signedHeaders,
        'UNSIGNED-PAYLOAD',
        stamp,
      );
      if (!sameHex(given, expected)) return refuse(403, 'SignatureDoesNotMatch');
      if (Date.now() > stampTime(stamp) + expires * 1000) return refuse(403, 'AccessDenied: Request has expired');
      if (!signedHeaders.includes('host')) return refuse(403, 'host not signed');
    } else {
      const authorization = request.headers.authorization ?? '';
      const match = /^AWS4-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(authorization);
      if (!match) return refuse(403, 'AccessDenied: not signed');
      const stamp = String(request.headers['x-amz-date'] ?? '');
      if (match[1] !== `${options.accessKeyId}/${stamp.slice(0, 8)}/${options.region}/s3/aws4_request`) return refuse(403, 'InvalidAccessKeyId');
      const payloadHash = String(request.headers['x-amz-content-sha256'] ?? '');
      if (payloadHash !== hash(body)) return refuse(400, 'XAmzContentSHA256Mismatch');
      const expected = expectedSignature(options.secretAccessKey, options.region, request, query, match[2].split(';'), payloadHash, stamp);
      if (!sameHex(match[3], expected)) return refuse(403, 'SignatureDoesNotMatch');
      if (Math.abs(Date.now() - stampTime(stamp)) > 15 * 60_000) return refuse(403, 'RequestTimeTooSkewed');
    }

    if (request.method === 'PUT') {
      if (Number(request.headers['content-length']) !== body.length) return refuse(400, 'IncompleteBody');
      if (request.headers['if-none-match'] === '*' && objects.has(key)) return refuse(412, 'PreconditionFailed');
      objects.set(key, { body, contentType: String(request.headers['content-type'] ?? 'application/octet-stream') });
      response.writeHead(200, { etag: `"${hash(body).slice(0, 32)}"` }).end();
    } else if (request.method === 'GET') {
      const object = objects.get(key);
      if (!object) return refuse(404, 'NoSuchKey');
      response.writeHead(200, { 'content-type': object.contentType, 'content-length': String(object.body.length) }).end(object.body);
    } else if (request.method === 'DELETE') {
      objects.delete(key);
      response.writeHead(204).end();
    } else {
      refuse(405, 'MethodNotAllowed');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
