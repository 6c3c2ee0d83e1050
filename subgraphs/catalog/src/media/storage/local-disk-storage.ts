import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { link, mkdir, open, rm, stat, unlink } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { parseMediaKey } from '../media-key';
import { ObjectTooLargeError, type MediaStorage, type UploadRequest, type UploadTarget } from './media-storage';
import { signUploadToken } from './upload-token';

export type UploadOutcome = 'STORED' | 'ALREADY_USED' | 'TOO_LARGE';

/**
 * Objects as files under one directory (CATALOG_MEDIA_DIR): `<dir>/<storeId>/<mediaId>`. Uploads
 * go to the platform's own route (`PUT <publicUrl>/uploads/<token>`, served by the gateway, handled
 * by catalog's media-http.routes.ts) with an HMAC-signed token naming the key, type, size cap and expiry.
 * A path is only ever built from a checked key, so no request can name a file outside the directory.
 */
export class LocalDiskStorage implements MediaStorage {
  readonly kind = 'local' as const;

  constructor(
    private readonly dir: string,
    private readonly baseUrl: string,
    private readonly signingSecret: Buffer,
  ) {}

  async presignUpload(key: string, request: UploadRequest): Promise<UploadTarget> {
    this.pathOf(key);
    const token = signUploadToken(
      { key, contentType: request.contentType, maxBytes: request.byteSize, expiresAt: request.expiresAt.getTime() },
      this.signingSecret,
    );
    return { url: `${this.baseUrl}/uploads/${token}`, headers: { 'content-type': request.contentType } };
  }

  async read(key: string, maxBytes: number): Promise<Buffer | null> {
    const file = await open(this.pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!file) return null;
    try {
      const { size } = await file.stat();
      if (size > maxBytes) throw new ObjectTooLargeError(maxBytes);
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await file.read(buffer, 0, size, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  publicUrl(key: string): string {
    return `${this.baseUrl}/${key}`;
  }

  /**
   * Streams an upload to its file, at most `maxBytes` (more aborts it and keeps nothing). The object
   * is written beside its place and linked in only when complete; linking fails when the object
   * already exists, so a token works once and a stored object is never overwritten.
   */
  async writeUpload(key: string, body: Readable, maxBytes: number): Promise<UploadOutcome> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    if (await exists(target)) return 'ALREADY_USED';
    const partial = `${target}.${randomBytes(8).toString('hex')}.part`;
    let received = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > maxBytes) callback(new ObjectTooLargeError(maxBytes));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(body, cap, createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
      await link(partial, target);
      return 'STORED';
    } catch (error) {
      if (error instanceof ObjectTooLargeError) return 'TOO_LARGE';
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'ALREADY_USED';
      throw error;
    } finally {
      await unlink(partial).catch(() => undefined);
    }
  }

  /** The stored file to send back, with its size; null when there is none. */
  async openForServing(key: string): Promise<{ stream: ReadStream; size: number } | null> {
    const file = this.pathOf(key);
    const stats = await stat(file).catch(() => null);
    if (!stats?.isFile()) return null;
    return { stream: createReadStream(file), size: stats.size };
  }

  private pathOf(key: string): string {
    const parsed = parseMediaKey(key);
    if (!parsed) throw new Error(`Not a media key: ${JSON.stringify(key)}`);
    return path.join(this.dir, parsed.storeId, parsed.mediaId);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
