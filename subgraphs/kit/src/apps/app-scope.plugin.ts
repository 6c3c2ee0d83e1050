import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from '../graphql/subgraph-context';
import { type AppAccess, appScopeRefusal, requiredAppScopes } from './app-access';

/**
 * Refuses, before anything executes, an app's operation that uses a root field its scopes do not open,
 * `_entities` included: the gateway resolves one subgraph's fields of another's entity through
 * `_entities`, so an app without this subgraph's read scope gets none of its fields, whichever
 * query reached them. Requests of people (tokens) pass untouched.
 */
export function appScopePlugin(access: AppAccess | undefined): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operationName }) {
          const app = contextValue.caller.app;
          if (!app) return;
          const refusal = appScopeRefusal(app, requiredAppScopes(document, operationName ?? undefined, access));
          if (refusal) throw refusal;
        },
      };
    },
  };
}
