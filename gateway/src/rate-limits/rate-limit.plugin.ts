import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Charge, CostBuckets } from './cost-buckets';
import { queryTooComplex } from '../limits/operation-limits';
import { rateLimited } from './limit-errors';
import { meterOf } from './client-meter';
import type { QueryCost } from './query-cost';
import type { PersistedQueryRegistrations } from './persisted-query-registrations';

/** Shopify's `extensions.cost`; `actualQueryCost` is the requested cost (the gateway does not measure less), 0 when refused. */
export function costExtension(requestedQueryCost: number, charge: Charge) {
  return { requestedQueryCost, actualQueryCost: charge.allowed ? requestedQueryCost : 0, throttleStatus: charge.status };
}

/**
 * Charges each client operation's cost to its caller's bucket once the operation and its
 * variables are known and BEFORE anything is fetched from a subgraph; an operation the bucket
 * cannot take now answers RATE_LIMITED with `retryAfter`, HTTP 429 and Retry-After. Every metered
 * response carries `extensions.cost`. An operation over the per-operation limit (`maxQueryCost`) is
 * charged nothing: the operation cost limit refuses it (QUERY_TOO_COMPLEX); one larger than the
 * caller's whole bucket is refused with the same code, since no wait would let it through.
 */
export function rateLimitPlugin<TContext extends BaseContext>(options: {
  buckets: CostBuckets;
  queryCost: QueryCost;
  maxQueryCost: number;
  persistedQueries: PersistedQueryRegistrations;
}): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const meter = meterOf(contextValue);
      if (!meter) return;
      let cost: ReturnType<typeof costExtension> | null = null;
      return {
        async didResolveOperation(requestContext) {
          const { document, request, operationName, metrics } = requestContext;
          const requested = options.queryCost(document, request.variables ?? {}, operationName);
          const capacity = options.buckets.capacityOf(meter.tier);
          const charge = await options.buckets.charge(meter.tier, meter.key, requested > options.maxQueryCost || requested > capacity ? 0 : requested);
          cost = costExtension(requested, charge);
          if (requested > options.maxQueryCost) {
            cost.actualQueryCost = 0;
            return; // the operation cost limit refuses it
          }
          if (requested > capacity) {
            // no wait would make it fit (a bucket may hold less than the per-operation limit allows)
            cost.actualQueryCost = 0;
            const refusal = queryTooComplex(requested, capacity);
            throw Object.assign(refusal, { extensions: { ...refusal.extensions, http: { status: 400 } } });
          }
          if (!charge.allowed) throw rateLimited(charge.retryAfterSeconds);
          // a registration the client may not make runs all the same, unregistered
          if (metrics.persistedQueryRegister && !(await options.persistedQueries.mayRegister(meter.address, request.query ?? ''))) {
            metrics.persistedQueryRegister = false;
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          // refused before the operation was known (parse, validation, unknown persisted query): charged nothing
          cost ??= costExtension(0, await options.buckets.charge(meter.tier, meter.key, 0));
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
