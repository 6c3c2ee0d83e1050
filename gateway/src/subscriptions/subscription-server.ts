import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  parse,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  callerFromHeaders,
  clientAddressBehind,
  type AuthConfig,
  type Caller,
  type Logger,
  type RevocationList,
  type SigningKeys,
  type TrustedProxies,
} from '@ultramarket/kit';
import type { GatewayContext, SubscriberConnection } from '../gateway-context';
import { meterFor, setMeter, type Meter } from '../rate-limits/client-meter';
import { CloseCodes } from './close-codes';
import { bindSocket } from './subscriber-sockets';
import { bindSubscriptionRequest } from './subscription-requests';
import type { SubscriptionStats } from './subscription-stats';
import type { WebSocketLimits } from './websocket-limits';

/** Charges a subscription's cost to its caller's budget; the errors to answer with when refused. */
export type ChargeSubscription = (
  meter: Meter,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | null | undefined,
) => Promise<readonly GraphQLError[] | null>;

interface SubscriptionServerOptions {
  server: Server;
  schema: () => GraphQLSchema | null;
  keys: SigningKeys;
  auth: AuthConfig;
  revocations: RevocationList;
  /**
   * The app caller for a `connection_init` carrying an API key (Authorization `Bearer umk_…` or X-Api-Key),
   * null when it carries none; throws for a key that does not verify or names another store.
   */
  appCallerFor(authorization: string | undefined, apiKey: string | undefined, storeId: string | undefined): Promise<Caller | null>;
  contextFor(caller: Caller, requestId: string, correlationId: string, storeId?: string): GatewayContext;
  subscribe(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
  execute(document: DocumentNode, variables: Record<string, unknown>, context: GatewayContext): Promise<FormattedExecutionResult>;
  logger: Logger;
  /** The gateway's operation limits and validation (`validateGatewayOperation`): the errors to answer with, or null. */
  validateOperation(operation: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null }): readonly GraphQLError[] | null;
  limits: WebSocketLimits;
  trustedProxies: TrustedProxies;
  chargeSubscription: ChargeSubscription;
  stats: SubscriptionStats;
}

const REVOCATION_RECHECK_MS = 250;
/** How long a refused socket, no longer read, lingers so its close frame is read before it is cut. */
const CLOSE_FRAME_GRACE_MS = 2000;

/** `connection_init` payloads may carry `Authorization` (as the explorer sends headers) or `authorization`. */
function param(params: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!params) return undefined;
  const key = Object.keys(params).find((candidate) => candidate.toLowerCase() === name);
  const value = key ? params[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Counts held per key (address, user), forgotten at zero so the map holds only live clients. */
class Tally {
  private readonly counts = new Map<string, number>();

  tryAdd(key: string, max: number): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= max) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  remove(key: string): void {
    const count = (this.counts.get(key) ?? 1) - 1;
    if (count <= 0) this.counts.delete(key);
    else this.counts.set(key, count);
  }
}

interface SocketState {
  address: string;
  stops: Set<() => void>;
  slow: boolean;
}

/**
 * A server socket emits 'error' only when its client broke the protocol (a message over `maxPayload`: 1009).
 * `ws` has then written its close frame, and would keep reading and discarding whatever the client still
 * sends (the rest of a 100 MiB frame) until its 30 s close timeout: the connection is cut as soon as the
 * close frame is out instead (ws 8, `receiverOnError` in lib/websocket.js).
 */
function hangUpOnProtocolError(socket: WebSocket): void {
  socket.once('error', () => {
    // ws has written its close frame and resumes the TCP socket to read and discard the rest (for up
    // to 30 s): stop reading instead (after ws's resume, which runs on the next tick), so the client's
    // sending stalls and the gateway takes no more of it; the close frame still reaches the client,
    // which a reset right away could throw away unread; then cut the socket.
    const tcp = (socket as unknown as { _socket?: { pause(): void } })._socket;
    setImmediate(() => tcp?.pause());
    setTimeout(() => socket.terminate(), CLOSE_FRAME_GRACE_MS).unref();
  });
}

/**
 * graphql-ws (graphql-transport-ws) on the gateway's /graphql path. The caller is verified once at
 * `connection_init`; a bad token closes the socket with 4403. Subscriptions run through `subscribe`;
 * queries and mutations sent over the socket go through the supergraph like HTTP ones.
 *
 * Limits (docs/errors.md has the close codes): messages up to `maxMessageBytes` (else 1009),
 * `connection_init` within `connectionInitTimeoutMs` (else 4408), `maxSocketsPerAddress` and
 * `maxSocketsPerUser` sockets per gateway replica (else 4429), `maxSubscriptionsPerSocket` operations
 * at once per socket (else an error message for that subscription), and each subscription's cost
 * charged to its caller's budget before it starts (RATE_LIMITED / MAX_COST_EXCEEDED error message).
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions) {
  const { limits, stats } = options;
  const webSockets = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: limits.maxMessageBytes });
  const callers = new WeakMap<object, { caller: Caller; storeId?: string; connection: SubscriberConnection }>();
  const states = new WeakMap<WebSocket, SocketState>();
  const perAddress = new Tally();
  const perUser = new Tally();

  // registered before graphql-ws's own handler: a socket over the limit is closed before it is served
  webSockets.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    hangUpOnProtocolError(socket);
    const address = clientAddressBehind(request, options.trustedProxies) ?? 'unknown';
    if (!perAddress.tryAdd(address, limits.maxSocketsPerAddress)) {
      stats.refuse('sockets_per_address');
      socket.close(CloseCodes.TOO_MANY_CONNECTIONS, 'Too many connections from this address');
      return;
    }
    const state: SocketState = { address, stops: new Set(), slow: false };
    states.set(socket, state);
    stats.openSockets += 1;
    socket.once('close', () => {
      stats.openSockets -= 1;
      perAddress.remove(address);
      for (const stop of [...state.stops]) stop();
    });
  });

  const cleanup = useServer(
    {
      schema: () => {
        const schema = options.schema();
        if (!schema) throw new GraphQLError('The supergraph is not loaded yet', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
        return schema;
      },
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const state = states.get(socket);
        if (!state) return false; // refused on connection (too many from its address)
        const params = ctx.connectionParams as Record<string, unknown> | undefined;
        const storeId = param(params, 'x-store-id');
        let caller: Caller;
        const authorization = param(params, 'authorization');
        const apiKey = param(params, 'x-api-key');
        try {
          caller = (await options.appCallerFor(authorization, apiKey, storeId)) ?? callerFromHeaders({ authorization, storeId }, options.keys, options.auth);
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
        if (await options.revocations.isRevoked(caller)) return false;
        const userId = caller.userId;
        if (userId !== null) {
          if (!perUser.tryAdd(userId, limits.maxSocketsPerUser)) {
            stats.refuse('sockets_per_user');
            socket.close(CloseCodes.TOO_MANY_CONNECTIONS, 'Too many connections for this user');
            return false;
          }
          socket.once('close', () => perUser.remove(userId));
        }
        // rechecked before every event: an expired or revoked token stops receiving and the socket closes
        // with 4403; a deny-list answer is reused for a quarter of a second, so a burst of events costs one lookup
        let checkedUntil = 0;
        const connection: SubscriberConnection = {
          stillAuthorized: async () => {
            // an app's key is looked up again (Redis; revocations are written there at once)
            if (caller.app) {
              if (Date.now() < checkedUntil) return true;
              const still = await options.appCallerFor(authorization, apiKey, storeId).then(
                (app) => app !== null,
                () => false,
              );
              if (still) checkedUntil = Date.now() + REVOCATION_RECHECK_MS;
              return still;
            }
            if (caller.tokenClaims === null) return true;
            if (caller.tokenClaims.expiresAt * 1000 <= Date.now()) return false;
            if (Date.now() < checkedUntil) return true;
            if (await options.revocations.isRevoked(caller)) return false;
            checkedUntil = Date.now() + REVOCATION_RECHECK_MS;
            return true;
          },
          close: (code, reason) => socket.close(code, reason),
        };
        bindSocket(connection, {
          bufferedBytes: () => socket.bufferedAmount,
          closeAsSlowConsumer: (code, reason) => {
            if (state.slow) return;
            state.slow = true;
            stats.slowConsumersClosed += 1;
            // the close frame waits behind what is buffered; the subscriptions' memory goes now
            socket.close(code, reason);
            for (const stop of [...state.stops]) stop();
          },
          onClose: (stop) => {
            state.stops.add(stop);
            return () => state.stops.delete(stop);
          },
        });
        callers.set(ctx, { caller, storeId, connection });
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
          stats.refuse('subscriptions_per_socket');
          return [
            new GraphQLError(`At most ${limits.maxSubscriptionsPerSocket} operations at once on one connection: complete one first`, {
              extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', maxSubscriptions: limits.maxSubscriptionsPerSocket },
            }),
          ];
        }
        // the same limits and rules as over HTTP (tokens, depth, aliases, directives, cost), before anything is charged or run
        const refused = options.validateOperation(payload);
        if (refused) return [...refused];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch {
          return undefined; // graphql-ws answers the syntax error itself
        }
        // queries and mutations are charged by the rate-limit plugin as they run through Apollo Server
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') return undefined;
        const { caller } = callers.get(ctx)!;
        const state = states.get(ctx.extra.socket)!;
        const refusal = await options.chargeSubscription(meterFor(caller, state.address), document, payload.variables ?? {}, payload.operationName);
        if (refusal) stats.refuse('subscription_budget');
        return refusal ?? undefined;
      },
      context: (ctx, id, payload) => {
        const { caller, storeId, connection } = callers.get(ctx)!;
        const requestId = randomUUID();
        const context = { ...options.contextFor(caller, requestId, requestId, storeId), connection };
        const metered = setMeter(context, meterFor(caller, states.get(ctx.extra.socket)!.address));
        // a subscription resumes after `extensions.after`, and says it listens with a ping naming its id
        bindSubscriptionRequest(metered, {
          after: payload.extensions?.after,
          announceListening: (cursor) => {
            const socket = ctx.extra.socket;
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'ping', payload: { listening: id, cursor } }));
          },
        });
        // queries and mutations on the socket are charged like HTTP ones; a subscription's events are not
        return metered;
      },
      subscribe: options.subscribe,
      execute: async (args: ExecutionArgs) => {
        const result = await options.execute(args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.contextValue as GatewayContext);
        return {
          data: result.data as ExecutionResult['data'],
          errors: result.errors?.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions })),
          // `extensions.cost`, as over HTTP
          ...(result.extensions ? { extensions: result.extensions } : {}),
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
