import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a local upload token allows: one object, of one declared type, up to a size, until a time. */
export interface UploadGrant {
  key: string;
  contentType: string;
  maxBytes: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; grant: UploadGrant } | { ok: false; reason: 'INVALID' | 'EXPIRED' };

function hmac(secret: string | Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(`ultramarket-media-upload.${payload}`).digest();
}

/** `<base64url JSON grant>.<base64url HMAC-SHA256>`: safe in a URL path segment. */
export function signUploadToken(grant: UploadGrant, secret: string | Buffer): string {
  const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `${payload}.${hmac(secret, payload).toString('base64url')}`;
}

/** The grant, if the token is ours (constant-time comparison) and not expired. */
export function verifyUploadToken(token: string, secret: string | Buffer, now = Date.now()): TokenCheck {
  const match = /^([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'INVALID' };
  const [, payload, signature] = match;
  const given = Buffer.from(signature, 'base64url');
  const expected = hmac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'INVALID' };
  let grant: UploadGrant;
  try {
    grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as UploadGrant;
  } catch {
    return { ok: false, reason: 'INVALID' };
  }
  if (
    typeof grant.key !== 'string' ||
    typeof grant.contentType !== 'string' ||
    !Number.isSafeInteger(grant.maxBytes) ||
    !Number.isSafeInteger(grant.expiresAt)
  ) {
    return { ok: false, reason: 'INVALID' };
  }
  return grant.expiresAt <= now ? { ok: false, reason: 'EXPIRED' } : { ok: true, grant };
}
