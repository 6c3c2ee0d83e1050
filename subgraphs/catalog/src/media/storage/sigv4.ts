import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for S3 (and S3-compatible stores such as MinIO), written from the
 * specification with node:crypto: https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
 * Tested against AWS's published example requests (sigv4.test.ts).
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

export interface SignableRequest {
  method: string;
  url: URL;
  /** Every header to sign, `host` and `x-amz-date` included (names in any case). */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
}

export const EMPTY_PAYLOAD_HASH = createHash('sha256').update('').digest('hex');
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A–Z a–z 0–9 - . _ ~` as %XX (upper-case hex). */
export function uriEncode(value: string, keepSlash = false): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === '/')) encoded += char;
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** `20130524T000000Z`. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams.entries()].map(([key, value]) => [uriEncode(key), uriEncode(value)] as const);
  pairs.sort(([keyA, valueA], [keyB, valueB]) => (keyA < keyB ? -1 : keyA > keyB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

function canonicalHeaders(headers: Record<string, string>): { canonical: string; signed: string } {
  const entries = Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { canonical: entries.map(([name, value]) => `${name}:${value}\n`).join(''), signed: entries.map(([name]) => name).join(';') };
}

/** The path as S3 wants it: each segment encoded once (the URL holds it decoded or encoded; both give the same). */
function canonicalPath(url: URL): string {
  return url.pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

export function canonicalRequest(request: SignableRequest): { text: string; signedHeaders: string } {
  const { canonical, signed } = canonicalHeaders(request.headers);
  const text = [request.method.toUpperCase(), canonicalPath(request.url), canonicalQuery(request.url), canonical, signed, request.payloadHash].join('\n');
  return { text, signedHeaders: signed };
}

export function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
}

/** The signature of `request` at `date` (which must be the request's x-amz-date / X-Amz-Date). */
export function signature(request: SignableRequest, credentials: AwsCredentials, date: Date): { signature: string; signedHeaders: string; scope: string } {
  const stamp = amzDate(date);
  const day = stamp.slice(0, 8);
  const scope = `${day}/${credentials.region}/${credentials.service}/aws4_request`;
  const canonical = canonicalRequest(request);
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonical.text)].join('\n');
  const key = signingKey(credentials.secretAccessKey, day, credentials.region, credentials.service);
  return { signature: createHmac('sha256', key).update(stringToSign).digest('hex'), signedHeaders: canonical.signedHeaders, scope };
}

/** The `Authorization` header for a request whose headers already carry `host`, `x-amz-date` and `x-amz-content-sha256`. */
export function authorizationHeader(request: SignableRequest, credentials: AwsCredentials, date: Date): string {
  const signed = signature(request, credentials, date);
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${signed.scope},SignedHeaders=${signed.signedHeaders},Signature=${signed.signature}`;
}

/**
 * A presigned URL (query-string authentication): whoever holds it may send this request, with
 * exactly the signed headers, until it expires. The payload is unsigned, as for every presigned S3 URL.
 */
export function presignUrl(request: Omit<SignableRequest, 'payloadHash'>, credentials: AwsCredentials, date: Date, expiresSeconds: number): URL {
  const url = new URL(request.url);
  const day = amzDate(date).slice(0, 8);
  const signedHeaderNames = Object.keys(request.headers)
    .map((name) => name.toLowerCase())
    .sort()
    .join(';');
  url.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
  url.searchParams.set('X-Amz-Credential', `${credentials.accessKeyId}/${day}/${credentials.region}/${credentials.service}/aws4_request`);
  url.searchParams.set('X-Amz-Date', amzDate(date));
  url.searchParams.set('X-Amz-Expires', String(expiresSeconds));
  url.searchParams.set('X-Amz-SignedHeaders', signedHeaderNames);
  const signed = signature({ ...request, url, payloadHash: UNSIGNED_PAYLOAD }, credentials, date);
  url.searchParams.set('X-Amz-Signature', signed.signature);
  return url;
}
