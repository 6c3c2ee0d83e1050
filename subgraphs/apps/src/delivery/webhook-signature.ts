import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of `<timestamp>.<body>` under `secret`, hex: Stripe's scheme, so integrators reuse what they know. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * The `UltraMarket-Webhook-Signature` header: `t=<unix seconds>,v1=<hex>` with one `v1` per secret that signs now
 * (the current one first, then the one it replaced while a rotation's overlap lasts).
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',');
}

/**
 * Whether `header` carries a valid signature of `body` under `secret` made within `toleranceSeconds` of `now`: what
 * a receiver does (docs/webhooks.md shows the same in a few lines). Compared in constant time.
 */
export function verifySignature(header: string, body: string, secret: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const parts = header.split(',').map((part) => part.split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isSafeInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body), 'hex');
  return parts.some(([key, value]) => {
    if (key !== 'v1' || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
}
