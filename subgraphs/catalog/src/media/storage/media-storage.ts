/** Where an upload goes: the URL to PUT the bytes to and the headers the PUT must carry. */
export interface UploadTarget {
  url: string;
  headers: Record<string, string>;
}

export interface UploadRequest {
  contentType: string;
  /** Exactly this many bytes may be sent (the declared size; S3 signs it as Content-Length). */
  byteSize: number;
  expiresAt: Date;
}

/** The stored object was larger than the reader allowed; nothing more than the limit was read. */
export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The object is larger than ${maxBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}

/**
 * Where product media bytes live. Callers send the bytes straight to the storage through a signed,
 * expiring, single-use upload target (never through GraphQL); catalog then reads them back to check
 * what they are, deletes them when refused or removed, and hands shoppers their public URL.
 */
export interface MediaStorage {
  readonly kind: 'local' | 's3';
  presignUpload(key: string, request: UploadRequest): Promise<UploadTarget>;
  /** The object's bytes, null when there is none; ObjectTooLargeError beyond `maxBytes`. */
  read(key: string, maxBytes: number): Promise<Buffer | null>;
  /** Removes the object; an object already gone is fine. */
  delete(key: string): Promise<void>;
  publicUrl(key: string): string;
}
