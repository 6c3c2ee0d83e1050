import type { Caller } from '@ultramarket/kit';
import type { BucketTier } from './cost-buckets';

/** Whose budget a request is charged to: a signed-in user's bucket, else its client address's. */
export interface Meter {
  tier: BucketTier;
  key: string;
  /** The client address, also for limits counted per address whoever signs in (persisted queries). */
  address: string;
}

/**
 * Contexts the gateway made for a client's own request (HTTP, or an operation on a WebSocket) carry
 * a meter; contexts made inside the gateway (a subscription's events, its subscribe-time probe, the
 * explorer's store lookup) do not, and are not charged: the subscription itself was. The meter sits
 * on the context's prototype: Apollo Server's per-request clone keeps the prototype, while a spread
 * copy (`{ ...context }`, as the subscription machinery makes for its own queries) drops it.
 */
const METER = Symbol('meter');

/**
 * `address` is the client's as `clientAddressBehind` finds it (null only without a socket address). An app
 * is metered by its API key: each key has the apiKey tier's budget, whoever holds it and from wherever.
 */
export function meterFor(caller: Caller, clientAddress: string | null): Meter {
  const address = clientAddress ?? 'unknown';
  if (caller.app) return { tier: 'apiKey', key: `key:${caller.app.keyId}`, address };
  return caller.userId !== null ? { tier: 'user', key: `user:${caller.userId}`, address } : { tier: 'anonymous', key: `address:${address}`, address };
}

export function setMeter<T extends object>(context: T, meter: Meter): T {
  return Object.assign(Object.create({ [METER]: meter }) as T, context);
}

export function meterOf(context: object): Meter | undefined {
  return (context as { [METER]?: Meter })[METER];
}
