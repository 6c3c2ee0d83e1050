import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * A request whose operationName names no operation in its document is the client's mistake:
 * answer 400 OPERATION_RESOLUTION_FAILURE before @apollo/gateway, which would throw it as a 500.
 */
export function operationResolutionCheck<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}"`
            : 'Must provide operation name if query contains multiple operations';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
