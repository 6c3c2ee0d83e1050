import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context';
import { answerTags, NO_STORE, ownWriteTags, responseTags } from './cache-tags';
import type { CachedResponse } from './local-response-cache';
import type { OperationCachePolicies, OperationCachePolicy } from './operation-cache-policy';
import { responseCacheKey, visibilityClassOf } from './response-cache-key';
import type { ReadStart, ResponseCache } from './response-cache';

/** What a cacheable request will store once answered: its key, how long, its tags, where its reads started. */
interface PendingStore {
  key: string;
  maxAgeSeconds: number;
  tags: string[];
  read: ReadStart;
  policy: OperationCachePolicy;
}

/**
 * Serves public reads from the response cache (Apollo Server plugin; @apollo/server-plugin-response-cache
 * is not installed, and its entries could not be invalidated by events). A query is cached when the
 * caller is anonymous or a customer (response-cache-key.ts), the execution is not event-driven
 * (`freshReads`), and every field it selects has a public cache hint (operation-cache-policy.ts);
 * mutations never. A hit answers before any subgraph is asked and says `Age`; a hit or a stored miss
 * says `Cache-Control: max-age=<smallest maxAge>, public` (through the request's cache policy, which
 * Apollo's cache-control plugin turns into the header; anything else stays `no-store`). Responses
 * with errors are not stored. Query-cost budgets are charged before the cache is asked, hit or not.
 *
 * A mutation by a store's staff or a platform admin deletes, before it is answered, what it may have
 * changed (cache-tags.ts `ownWriteTags`), so whoever made a change reads it back at once through this
 * gateway; every other change, and every other replica's local layer, waits for the change's event.
 */
export function responseCachePlugin(cache: ResponseCache, policies: OperationCachePolicies): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.freshReads) return;
      const visibility = visibilityClassOf(contextValue.caller);
      if (!visibility) {
        if (contextValue.caller.userId === null) return;
        // staff and admins: what their mutations change is not served from here once they are answered
        return {
          async willSendResponse({ operation, request }) {
            if (operation?.operation === 'mutation') await cache.invalidate(ownWriteTags(contextValue.caller.storeId, operation, request.variables));
          },
        };
      }
      let hit: CachedResponse | undefined;
      let pending: PendingStore | undefined;
      return {
        async responseForOperation(requestContext) {
          const { document, operationName, request, schema } = requestContext;
          if (!cache.serving || requestContext.operation.operation !== 'query') return null;
          const policy = policies.of(schema, document, operationName);
          if (!policy) return null;
          const storeId = contextValue.caller.storeId ?? NO_STORE;
          const variables = request.variables ?? {};
          const tags = responseTags(policy, variables, storeId);
          if (!tags) return null;
          const key = responseCacheKey(document, operationName, variables, storeId, visibility);
          pending = { key, maxAgeSeconds: policy.maxAgeSeconds, tags, read: cache.readStart(), policy };
          hit = await cache.get(key);
          if (!hit) return null;
          pending = undefined;
          requestContext.overallCachePolicy.replace({ maxAge: hit.maxAgeSeconds, scope: 'PUBLIC' });
          // a new result object each time: other plugins add their extensions to it
          return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: hit.data } } };
        },
        async executionDidStart(requestContext) {
          return {
            async executionDidEnd(error) {
              // the subgraphs sent no cache-control of their own (their restriction made it 0): the hints decide
              if (pending && !error) requestContext.overallCachePolicy.replace({ maxAge: pending.maxAgeSeconds, scope: 'PUBLIC' });
            },
          };
        },
        async willSendResponse({ response }) {
          // the same header Apollo's cache-control plugin writes from the policy set above, whichever runs last
          if (hit) {
            response.http.headers.set('cache-control', `max-age=${hit.maxAgeSeconds}, public`);
            response.http.headers.set('age', String(Math.max(0, Math.floor((Date.now() - hit.storedAtMs) / 1000))));
            return;
          }
          if (!pending || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || !result.data || (response.http.status !== undefined && response.http.status !== 200)) return;
          // an answer whose tags only it can tell (a variant's product): not kept when it cannot tell them
          const answered = answerTags(pending.policy.roots, result.data);
          // read across a change of what it holds: answered, but neither kept here nor by anyone downstream
          const stored = answered !== null && cache.store(pending.key, result.data, pending.maxAgeSeconds, [...pending.tags, ...answered], pending.read);
          response.http.headers.set('cache-control', stored ? `max-age=${pending.maxAgeSeconds}, public` : 'no-store');
        },
      };
    },
  };
}
