import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import {
  callerFromHeaders,
  CLIENT_ADDRESS_HEADER,
  clientAddressBehind,
  closeGracefully,
  connectNats,
  createErrorFormatter,
  connectRedis,
  createLogger,
  EventNames,
  handleGraphQLRequest,
  headerValue,
  RevocationList,
  sendJson,
  trustJwks,
  listen,
  loadSigningKeys,
  PayloadTooLargeError,
  type Caller,
  APP_CALLER_HEADER,
  appCallerHeader,
} from '@ultramarket/kit';
import type { Env } from '@ultramarket/kit';
import { loadGatewayConfig } from './gateway-config';
import type { GatewayContext } from './gateway-context';
import { PooledFetcher } from './supergraph/pooled-fetcher';
import { SubgraphDataSource } from './supergraph/subgraph-data-source';
import { withFreshReads } from './supergraph/fresh-reads';
import { createResponseCache } from './response-cache/start-response-cache';
import { supergraphSource } from './supergraph/supergraph-source';
import { operationCostLimit } from './limits/operation-cost-limit.plugin';
import { gatewayValidationRules, limitRefusalOf, validateGatewayOperation } from './limits/operation-limits';
import { insecureSettings } from './security/insecure-settings';
import { securityHeaders } from './security/security-headers';
import { RedisKeyValueCache } from './supergraph/redis-key-value-cache';
import { operationResolutionCheck } from './supergraph/operation-resolution';
import { EventFanout } from './subscriptions/event-fanout';
import { subscriptionFields } from './subscriptions/subscription-fields';
import { createSubscribe } from './subscriptions/subscribe-through-supergraph';
import { attachSubscriptionServer } from './subscriptions/subscription-server';
import { explorerAsset } from './explorer/explorer-assets';
import { EXPLORER_PAGE_HEADERS, explorerPage } from './explorer/explorer-page';
import { explorerStoreLookup } from './explorer/explorer-store';
import { costModelFromSupergraph, type CostModel } from './limits/operation-cost';
import { CostBuckets } from './rate-limits/cost-buckets';
import { meterFor, setMeter } from './rate-limits/client-meter';
import { PersistedQueryRegistrations } from './rate-limits/persisted-query-registrations';
import { bucketCost } from './rate-limits/query-cost';
import { rateLimitPlugin } from './rate-limits/rate-limit.plugin';
import { subscriptionCharge } from './rate-limits/subscription-charge';
import { SubscriptionStats } from './subscriptions/subscription-stats';
import { MEDIA_PREFIX, mediaProxy } from './media/media-proxy';
import { ApiKeyVerifier, apiKeyOf } from './api-keys/api-key-verifier';
import { appCallerIn } from './api-keys/app-caller';

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const FORWARDED = ['authorization', 'x-store-id'] as const;

/**
 * The gateway: @apollo/gateway behind @apollo/server on node:http for queries and mutations, and a
 * graphql-ws server on the same /graphql path for subscriptions fed by NATS.
 */
export async function startGateway(env: Env = process.env): Promise<RunningGateway> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const config = loadGatewayConfig(env);
  const { kit } = config;
  const logger = createLogger('gateway', kit.logLevel);
  const keys = loadSigningKeys(kit.auth, kit.isProduction);
  const stopJwks = kit.auth.jwksUrl ? await trustJwks(keys, kit.auth.jwksUrl, logger) : () => undefined;
  const fetcher = new PooledFetcher(config.subgraphConnections);
  const redis = await connectRedis(kit.redisUrl, logger);
  const revocations = new RevocationList(redis);
  // query-cost budgets: their own connection (the leaky-bucket script is registered per connection), their own keys
  const rateLimitRedis = redis.duplicate();
  const rateLimitPrefix = `ultramarket:rate-limit:${kit.eventNamespace ? `${kit.eventNamespace}:` : ''}`;
  const buckets = new CostBuckets(rateLimitRedis, config.rateLimits, rateLimitPrefix);
  const persistedQueries = new PersistedQueryRegistrations(redis, config.rateLimits.persistedQueries, rateLimitPrefix);
  const subscriptionStats = new SubscriptionStats();
  // public reads answered once per change: its own Redis connection (its scripts are registered there), its own keys
  const responseCache = config.responseCache.enabled
    ? createResponseCache(config.responseCache, redis.duplicate(), `ultramarket:response-cache:${kit.eventNamespace ? `${kit.eventNamespace}:` : ''}`, logger)
    : null;

  // catalog's address as the supergraph (or CATALOG_URL) gives it: the media routes are proxied there
  let catalogUrl: string | null = null;
  // apps' address: the gateway asks it which app an API key is (gateway/src/api-keys)
  let appsUrl: string | null = null;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSource(config),
    buildService: ({ name, url }) => {
      const serviceUrl = config.subgraphUrls[name] ?? url!;
      if (name === 'catalog') catalogUrl = serviceUrl;
      if (name === 'apps') appsUrl = serviceUrl;
      return new SubgraphDataSource(serviceUrl, fetcher, config.subgraphSigningSecret, config.deduplicateFetches);
    },
  });
  const proxyMedia = mediaProxy(() => catalogUrl);
  const apiKeys = new ApiKeyVerifier({
    redis,
    eventNamespace: kit.eventNamespace,
    signingSecret: config.subgraphSigningSecret,
    appsUrl: () => appsUrl,
    cacheSeconds: config.apiKeyCacheSeconds,
  });
  let schema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => (schema = apiSchema));
  let bucketCostModel: CostModel | null = null;
  // one cost model for the per-operation limit and the rate-limit buckets, read from the supergraph's @cost/@listSize
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => (bucketCostModel = costModelFromSupergraph(coreSupergraphSdl, config.limits.defaultListSize)));
  const queryCost = bucketCost(() => bucketCostModel);

  const formatError = createErrorFormatter({ isProduction: kit.isProduction, onUnexpected: (error) => logger.error({ err: error }, 'unexpected error') });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // a limit's refusal keeps its own code and figures (Apollo reports them as parse or validation failures)
    formatError: (formatted, error) => limitRefusalOf(formatted, error) ?? formatError(formatted, error),
    // stack traces stay in the logs (the formatter logs unexpected errors), in every environment
    includeStacktraceInErrorResponses: false,
    // introspection is refused by gatewayValidationRules (GRAPHQL_INTROSPECTION), the same over WebSocket
    introspection: true,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    csrfPrevention: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: gatewayValidationRules(config.limits, config),
    // automatic persisted queries, shared by every gateway replica
    cache: new RedisKeyValueCache(redis, {
      maxTtlSeconds: config.rateLimits.persistedQueries.ttlSeconds,
      maxValueBytes: config.rateLimits.persistedQueries.maxQueryBytes,
    }),
    // nothing leaves the machine (APOLLO_KEY or not), and the gateway has no inline traces to compute
    plugins: [
      operationResolutionCheck(),
      operationCostLimit(() => bucketCostModel, config.limits.maxCost),
      rateLimitPlugin({ buckets, queryCost, maxQueryCost: config.limits.maxCost, persistedQueries }),
      ...(responseCache ? [responseCache.plugin] : []),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();

  const nats = await connectNats(kit.natsUrl, 'ultramarket-gateway', logger);
  const fanout = new EventFanout({ js: nats.jetstream(), jsm: await nats.jetstreamManager(), names: new EventNames(kit.eventNamespace), logger });
  await responseCache?.follow({ js: nats.jetstream(), jsm: await nats.jetstreamManager(), names: new EventNames(kit.eventNamespace), logger });

  const contextFor = (caller: Caller, requestId: string, correlationId: string, storeId?: string): GatewayContext => {
    const forwardHeaders: Record<string, string> = { 'x-request-id': requestId, 'x-correlation-id': correlationId };
    if (caller.token) forwardHeaders.authorization = `Bearer ${caller.token}`;
    if (caller.app) {
      // an app acts in its own store only, as the header the gateway signs says (kit/src/apps)
      forwardHeaders[APP_CALLER_HEADER] = appCallerHeader(caller.app);
      forwardHeaders['x-store-id'] = caller.app.storeId;
    } else if (storeId) forwardHeaders['x-store-id'] = storeId;
    return { caller, requestId, correlationId, forwardHeaders };
  };
  const httpContext = (request: IncomingMessage) => async (): Promise<GatewayContext> => {
    const requestId = headerValue(request, 'x-request-id') ?? randomUUID();
    const correlationId = headerValue(request, 'x-correlation-id') ?? requestId;
    const [authorization, storeId] = FORWARDED.map((name) => headerValue(request, name));
    const apiKey = apiKeyOf(authorization, headerValue(request, 'x-api-key'));
    const caller =
      apiKey !== null
        ? appCallerIn(await apiKeys.verify(apiKey), storeId)
        : await revocations.check(callerFromHeaders({ authorization, storeId }, keys, kit.auth));
    const context = contextFor(caller, requestId, correlationId, storeId);
    // subgraphs see the client, not the gateway: accounts rate-limits sign-ins per address. The address is
    // the socket's peer (or what a GATEWAY_TRUSTED_PROXIES proxy reports), sent signed; X-Forwarded-For is not passed on
    const clientAddress = clientAddressBehind(request, config.trustedProxies);
    if (clientAddress) context.forwardHeaders[CLIENT_ADDRESS_HEADER] = clientAddress;
    const userAgent = headerValue(request, 'user-agent');
    if (userAgent) context.forwardHeaders['user-agent'] = userAgent;
    // charged to the caller's query-cost budget (the rate-limit plugin)
    return setMeter(context, meterFor(caller, clientAddress));
  };

  const executeThroughGateway = async (document: DocumentNode, variables: Record<string, unknown>, context: GatewayContext) => {
    const response = await apollo.executeOperation({ query: document, variables }, { contextValue: context });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by subscriptions');
    return response.body.singleResult;
  };

  // the explorer's tabs act in this store: looked up through the supergraph as an anonymous shopper would
  const explorerStore = explorerStoreLookup(
    config.explorerStore,
    async (query, variables, storeId) => {
      const requestId = randomUUID();
      const context = contextFor(callerFromHeaders({ storeId }, keys, kit.auth), requestId, requestId, storeId);
      const response = await apollo.executeOperation({ query, variables }, { contextValue: context });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by the explorer');
      return response.body.singleResult;
    },
    logger,
  );

  const setSecurityHeaders = securityHeaders();
  const server = createServer((request, response) => {
    void route(request, response);
  });
  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    setSecurityHeaders(request, response);
    applyCors(request, response, config.corsOrigins);
    try {
      if (request.method === 'OPTIONS') {
        response.writeHead(204).end();
      } else if (path === '/metrics' && config.metrics) {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(subscriptionStats.toPrometheus());
      } else if (path === '/health') {
        sendJson(response, 200, { status: 'ok', service: 'gateway' });
      } else if (path === '/ready') {
        const redisUp = await redis.ping().then(
          () => true,
          () => false,
        );
        const ready = schema !== null && !nats.isClosed() && redisUp;
        sendJson(response, ready ? 200 : 503, { ready, supergraph: schema !== null, nats: !nats.isClosed(), redis: redisUp });
      } else if (path === '/graphql' && request.method === 'GET' && config.explorer && (request.headers.accept ?? '').includes('text/html')) {
        response.writeHead(200, EXPLORER_PAGE_HEADERS).end(explorerPage(await explorerStore()));
      } else if (path.startsWith('/explorer/') && config.explorer) {
        const asset = explorerAsset(path.slice('/explorer/'.length));
        if (asset) response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' }).end(asset.body);
        else sendJson(response, 404, { error: 'not found' });
      } else if (path === '/graphql') {
        await handleGraphQLRequest(apollo, request, response, httpContext(request));
      } else if (path.startsWith(MEDIA_PREFIX)) {
        await proxyMedia(request, response, path);
      } else {
        sendJson(response, 404, { error: 'not found' });
      }
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendJson(response, 413, { errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }] });
      } else {
        logger.error({ err: error }, 'request failed');
        if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    }
  }
  server.keepAliveTimeout = 65_000;

  const subscriptions = attachSubscriptionServer({
    server,
    schema: () => schema,
    keys,
    auth: kit.auth,
    revocations,
    appCallerFor: async (authorization, apiKeyHeader, storeId) => {
      const apiKey = apiKeyOf(authorization, apiKeyHeader);
      return apiKey === null ? null : appCallerIn(await apiKeys.verify(apiKey), storeId);
    },
    contextFor,
    // what a subscription executes answers an event: never from a fetch in flight before it, nor from the response cache
    subscribe: createSubscribe(subscriptionFields, fanout, withFreshReads(executeThroughGateway), logger, config.webSocketLimits, subscriptionStats),
    execute: async (document, variables, context) => executeThroughGateway(document, variables, context),
    logger,
    validateOperation: (operation) => {
      const loaded = schema;
      if (!loaded) return null;
      const checked = validateGatewayOperation({ schema: loaded, limits: config.limits, exposure: config, costModel: bucketCostModel }, operation);
      return 'errors' in checked ? checked.errors : null;
    },
    limits: config.webSocketLimits,
    trustedProxies: config.trustedProxies,
    chargeSubscription: subscriptionCharge({ buckets, queryCost }),
    stats: subscriptionStats,
  });

  const port = await listen(server, kit.port, kit.host);
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  for (const setting of insecureSettings(config)) logger.warn({ setting }, `insecure setting: ${setting}`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await subscriptions.close();
      stopJwks();
      await closeGracefully(server, kit.shutdownGraceMs);
      await apollo.stop();
      await fanout.close();
      await responseCache?.stop();
      await nats.drain().catch(() => undefined);
      await fetcher.close();
      await redis.quit().catch(() => undefined);
      await rateLimitRedis.quit().catch(() => undefined);
      logger.info('gateway stopped');
    })());
  return { url, port, stop };
}

function applyCors(request: IncomingMessage, response: ServerResponse, origins: string[]): void {
  const origin = request.headers.origin;
  if (!origin || origins.length === 0) return;
  if (origins.includes('*') || origins.includes(origin)) {
    response.setHeader('access-control-allow-origin', origins.includes('*') ? '*' : origin);
    response.setHeader('access-control-allow-headers', 'authorization, content-type, x-store-id, x-api-key, x-request-id, apollo-require-preflight');
    // PUT: media uploads (/media/uploads/<token>) from an admin on its own origin
    response.setHeader('access-control-allow-methods', 'GET, POST, PUT, OPTIONS');
    response.setHeader('vary', 'origin');
  }
}
