import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { GraphQLError, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { callerFromHeaders, type AuthConfig, type Caller, type Logger, type RevocationList, type SigningKeys } from '@ultramarket/kit';
import type { GatewayContext, SubscriberConnection } from '../gateway-context';

interface SubscriptionServerOptions {
  server: Server;
  schema: () => GraphQLSchema | null;
  keys: SigningKeys;
  auth: AuthConfig;
  revocations: RevocationList;
  contextFor(caller: Caller, requestId: string, correlationId: string, storeId?: string): GatewayContext;
  subscribe(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
  execute(document: DocumentNode, variables: Record<string, unknown>, context: GatewayContext): Promise<FormattedExecutionResult>;
  logger: Logger;
}

const REVOCATION_RECHECK_MS = 250;

/** `connection_init` payloads may carry `Authorization` (as the explorer sends headers) or `authorization`. */
function param(params: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!params) return undefined;
  const key = Object.keys(params).find((candidate) => candidate.toLowerCase() === name);
  const value = key ? params[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * graphql-ws (graphql-transport-ws) on the gateway's /graphql path. The caller is verified once at
 * `connection_init`; a bad token closes the socket with 4403. Subscriptions run through `subscribe`;
 * queries and mutations sent over the socket go through the supergraph like HTTP ones.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions) {
  const webSockets = new WebSocketServer({ server: options.server, path: '/graphql' });
  const callers = new WeakMap<object, { caller: Caller; storeId?: string; connection: SubscriberConnection }>();

  const cleanup = useServer(
    {
      schema: () => {
        const schema = options.schema();
        if (!schema) throw new GraphQLError('The supergraph is not loaded yet', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
        return schema;
      },
      onConnect: async (ctx) => {
        const params = ctx.connectionParams as Record<string, unknown> | undefined;
        const storeId = param(params, 'x-store-id');
        let caller: Caller;
        try {
          caller = callerFromHeaders({ authorization: param(params, 'authorization'), storeId }, options.keys, options.auth);
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
        if (await options.revocations.isRevoked(caller)) return false;
        // rechecked before every event: an expired or revoked token stops receiving and the socket closes
        // with 4403; a deny-list answer is reused for a quarter of a second, so a burst of events costs one lookup
        let checkedUntil = 0;
        const connection: SubscriberConnection = {
          stillAuthorized: async () => {
            if (caller.tokenClaims === null) return true;
            if (caller.tokenClaims.expiresAt * 1000 <= Date.now()) return false;
            if (Date.now() < checkedUntil) return true;
            if (await options.revocations.isRevoked(caller)) return false;
            checkedUntil = Date.now() + REVOCATION_RECHECK_MS;
            return true;
          },
          close: (code, reason) => ctx.extra.socket.close(code, reason),
        };
        callers.set(ctx, { caller, storeId, connection });
        return true;
      },
      context: (ctx) => {
        const { caller, storeId, connection } = callers.get(ctx)!;
        const requestId = randomUUID();
        return { ...options.contextFor(caller, requestId, requestId, storeId), connection };
      },
      subscribe: options.subscribe,
      execute: async (args: ExecutionArgs) => {
        const result = await options.execute(args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.contextValue as GatewayContext);
        return {
          data: result.data as ExecutionResult['data'],
          errors: result.errors?.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions })),
        };
      },
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors: errors.map((error) => error.message) }, 'subscription refused');
      },
    },
    webSockets,
  );

  return {
    async close(): Promise<void> {
      await cleanup.dispose();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
    },
  };
}
