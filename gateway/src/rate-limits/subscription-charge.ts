import type { ChargeSubscription } from '../subscriptions/subscription-server';
import type { CostBuckets } from './cost-buckets';
import { queryTooComplex } from '../limits/operation-limits';
import { rateLimited } from './limit-errors';
import type { QueryCost } from './query-cost';

/**
 * A subscription is charged its cost once, when it starts (its events are the gateway's work, shared
 * between subscribers); more than the caller's bucket holds now is refused with an error message on
 * the socket (RATE_LIMITED, `retryAfter`; there is no HTTP status to set there).
 */
export function subscriptionCharge(options: { buckets: CostBuckets; queryCost: QueryCost }): ChargeSubscription {
  return async (meter, document, variables, operationName) => {
    const requested = options.queryCost(document, variables, operationName);
    if (requested > options.buckets.capacityOf(meter.tier)) return [queryTooComplex(requested, options.buckets.capacityOf(meter.tier))];
    const charge = await options.buckets.charge(meter.tier, meter.key, requested);
    if (charge.allowed) return null;
    const error = rateLimited(charge.retryAfterSeconds, false);
    error.extensions.cost = { requestedQueryCost: requested, actualQueryCost: 0, throttleStatus: charge.status };
    return [error];
  };
}
