import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a carrier signs its tracking report with: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (Stripe's scheme). */
export const CARRIER_SIGNATURE_HEADER = 'carrier-signature';

/** The signature of `body` sent at `timestamp` (unix seconds): what a carrier (or a test) puts in the header. */
export function signCarrierReport(secret: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * Why the header does not prove that the holder of `secret` sent these exact bytes within `toleranceSeconds` of
 * `now`, or null when it does. Several v1 values (a secret being rotated) are accepted if any one matches.
 */
export function carrierSignatureProblem(header: string | undefined, body: Buffer, secret: string, toleranceSeconds: number, now = Date.now()): string | null {
  if (!header) return 'no signature';
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => value);
  const macs = parts.filter(([key, value]) => key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? '')).map(([, value]) => Buffer.from(value, 'hex'));
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]) || macs.length === 0) return 'malformed signature';
  const timestamp = Number(timestamps[0]);
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return 'timestamp outside the tolerance';
  const expected = Buffer.from(signCarrierReport(secret, timestamp, body).split('v1=')[1], 'hex');
  return macs.some((mac) => timingSafeEqual(mac, expected)) ? null : 'signature mismatch';
}
