import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { CostModel } from './operation-cost';
import { costRefusal } from './operation-limits';

/**
 * Refuses an HTTP operation costing more than `maxCost` (QUERY_TOO_COMPLEX, HTTP 400) once its
 * variables are known and before @apollo/gateway plans it, so no subgraph is asked anything. The
 * model follows the supergraph the gateway serves (`onSchemaLoadOrUpdate`).
 */
export function operationCostLimit<TContext extends BaseContext>(costModel: () => CostModel | null, maxCost: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const refusal = costRefusal(document, request.variables, request.operationName, costModel(), maxCost);
          if (refusal) throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
