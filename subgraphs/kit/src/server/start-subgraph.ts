import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLError } from 'graphql';
import { loadKitConfig } from '../config/kit-config';
import type { Env } from '../config/env-reader';
import { createLogger } from '../logging/logger';
import { createErrorFormatter } from '../errors/format-error';
import { createBackgroundDataSource, createDataSource } from '../data/create-data-source';
import { StatementCounter } from '../data/statement-counter';
import { requestScope } from '../data/statement-counter';
import { LoaderRegistry } from '../data/loader-registry';
import { connectNats } from '../events/nats-connection';
import { connectRedis } from '../data/redis-connection';
import { RevocationList } from '../caller/revocation-list';
import { EventNames } from '../events/event-names';
import { ensureStream } from '../events/streams';
import { OutboxRelay } from '../events/outbox-relay';
import { EventPruner } from '../events/event-pruner';
import { UnitOfWork } from '../events/unit-of-work';
import { scopeOf } from '../tenancy/store-scope';
import { StoreDb } from '../tenancy/store-db';
import { StoreStatuses } from '../tenancy/store-statuses';
import { ConsumerRunner, type EventHandler } from '../events/consumer-runner';
import { loadSigningKeys } from '../caller/signing-keys';
import { trustJwks } from '../caller/jwks';
import { callerFromHeaders } from '../caller/caller-from-headers';
import { APP_CALLER_HEADER } from '../apps/app-identity';
import { appScopePlugin } from '../apps/app-scope.plugin';
import { loadSubgraphSigningSecret } from '../security/signing-secret';
import { requireGatewaySignature } from '../security/require-gateway-signature';
import type { SubgraphContext } from '../graphql/subgraph-context';
import { createMetrics } from './metrics';
import { handleGraphQLRequest, headerValue, PayloadTooLargeError, sendJson } from './graphql-http';
import { originOf } from './request-origin';
import { closeGracefully, listen } from './http-lifecycle';
import type { SubgraphDefinition } from './subgraph-definition';
import type { SubgraphRuntime } from './subgraph-runtime';

export interface RunningSubgraph {
  url: string;
  port: number;
  runtime: SubgraphRuntime;
  stop(): Promise<void>;
}

/**
 * Starts a subgraph: database and migrations, NATS streams, outbox relay, consumers, and Apollo
 * Server on node:http with /graphql (only requests the gateway signed), /health, /ready, /metrics and
 * the definition's `httpRoutes` (no signature: JWKS, provider webhooks with their own).
 * `stop()` shuts down gracefully: no new requests, in-flight ones finish, consumers stop, NATS
 * drains, the database closes.
 */
export async function startSubgraph(definition: SubgraphDefinition, env: Env = process.env): Promise<RunningSubgraph> {
  const config = loadKitConfig(definition.name, definition.defaultPort, env);
  const logger = createLogger(definition.name, config.logLevel);
  const { registry, requestSeconds, refusedRequests, routeLabel } = createMetrics(definition.name, Object.keys(definition.httpRoutes ?? {}));
  // only the gateway may ask: /graphql requests carry its signature (the other routes need none)
  const gatewayOnly = { admit: requireGatewaySignature(loadSubgraphSigningSecret(env), (reason) => refusedRequests.inc({ reason })) };
  const keys = loadSigningKeys(config.auth, config.isProduction);
  const stopJwks = config.auth.jwksUrl ? await trustJwks(keys, config.auth.jwksUrl, logger) : () => undefined;
  const statements = new StatementCounter(registry, logger);
  const dataSource = await createDataSource(config, definition, registry, logger, statements);
  // consumers, the relay, pruning and jobs work on a capped pool of their own, so they never starve requests
  const backgroundDataSource = await createBackgroundDataSource(config, definition, statements);
  const redis = await connectRedis(config.redisUrl, logger);
  const revocations = new RevocationList(redis);
  const nats = await connectNats(config.natsUrl, `ultramarket-${definition.name}`, logger);
  const js = nats.jetstream();
  const jsm = await nats.jetstreamManager();
  const names = new EventNames(config.eventNamespace);
  await ensureStream(jsm, names, 'deadletter');
  for (const domain of definition.publishes) await ensureStream(jsm, names, domain);

  const relay = new OutboxRelay(backgroundDataSource, js, logger, config.outboxPollMs);
  const publishCommitted = (events: Parameters<OutboxRelay['publishCommitted']>[0]) => relay.publishCommitted(events);
  const unitOfWork = new UnitOfWork(dataSource, names, publishCommitted);
  const background = { dataSource: backgroundDataSource, unitOfWork: new UnitOfWork(backgroundDataSource, names, publishCommitted) };
  const storeStatuses = new StoreStatuses(dataSource);
  const runtime: SubgraphRuntime = {
    config,
    env,
    logger,
    registry,
    dataSource,
    redis,
    nats,
    js,
    jsm,
    names,
    relay,
    unitOfWork,
    background,
    storeStatuses,
    keys,
  };
  relay.start();
  const pruner = new EventPruner(backgroundDataSource, logger, {
    outboxRetentionMs: config.eventStorage.outboxRetentionMs,
    processedEventRetentionMs: config.eventStorage.processedEventRetentionMs,
  });
  pruner.start();

  const consumers = new ConsumerRunner({
    js,
    jsm,
    dataSource: backgroundDataSource,
    unitOfWork: background.unitOfWork,
    names,
    logger,
    maxDeliveries: config.consumerMaxDeliveries,
    retryWindowMs: config.eventRetryWindowMs,
    concurrency: config.consumerConcurrency,
    ackWaitMs: config.consumerAckWaitMs,
    onEventsEmitted: (events) => relay.publishCommitted(events),
  });
  const handlers = [...((definition.consumers ?? []) as EventHandler[]), ...(definition.followsStoreStatus ? storeStatuses.followers(definition.name) : [])];
  for (const handler of handlers) await consumers.start(handler);
  // every replica hears every store status change at once (the durable followers above keep the table)
  const stopFollowingStatuses = definition.followsStoreStatus ? await storeStatuses.follow({ js, jsm, names, logger }) : async () => undefined;
  const stopOnStart = (await definition.onStart?.(runtime)) ?? (async () => undefined);
  // jobs are background work: their runtime's data source and unit of work are the background pool's
  const jobRuntime: SubgraphRuntime = { ...runtime, ...background };
  const stopJobs = (definition.jobs ?? []).map((job) => job(jobRuntime));

  const apollo = new ApolloServer<SubgraphContext>({
    schema: await definition.schema(),
    formatError: createErrorFormatter({
      isProduction: config.isProduction,
      onUnexpected: (error) => logger.error({ err: error }, 'unexpected error'),
    }),
    includeStacktraceInErrorResponses: !config.isProduction,
    introspection: true,
    // federated traces cost CPU on every request; only when asked for (SUBGRAPH_INLINE_TRACING=true)
    plugins: [
      appScopePlugin(definition.appAccess),
      config.inlineTracing ? ApolloServerPluginInlineTrace() : ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const contextFor = (request: IncomingMessage) => async (): Promise<SubgraphContext> => {
    const requestId = headerValue(request, 'x-request-id') ?? randomUUID();
    const correlationId = headerValue(request, 'x-correlation-id') ?? requestId;
    const caller = await revocations.check(
      callerFromHeaders(
        { authorization: headerValue(request, 'authorization'), storeId: headerValue(request, 'x-store-id'), app: headerValue(request, APP_CALLER_HEADER) },
        keys,
        config.auth,
      ),
    );
    const scope = scopeOf(caller);
    return {
      caller,
      requestId,
      correlationId,
      logger: logger.child({ requestId, correlationId }),
      loaders: new LoaderRegistry(),
      db: dataSource,
      storeDb: new StoreDb(dataSource, scope),
      unitOfWork: unitOfWork.forScope(scope),
      storeStatuses,
      origin: originOf(request),
    };
  };

  const server = createServer(async (request, response) => {
    const route = (request.url ?? '/').split('?')[0];
    const timer = requestSeconds.startTimer({ route: routeLabel(route) });
    try {
      if (route === '/health') {
        sendJson(response, 200, { status: 'ok', service: definition.name });
      } else if (route === '/ready') {
        const checks = await readiness(runtime);
        sendJson(response, checks.ready ? 200 : 503, checks);
      } else if (route === '/metrics') {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(await registry.metrics());
      } else if (route === '/graphql') {
        await requestScope.run(true, () => handleGraphQLRequest(apollo, request, response, contextFor(request), gatewayOnly));
      } else if (definition.httpRoutes && Object.hasOwn(definition.httpRoutes, route)) {
        const handle = definition.httpRoutes[route];
        await requestScope.run(true, () => handle(request, response, runtime));
      } else {
        sendJson(response, 404, { error: 'not found' });
      }
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendJson(response, 413, { errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }] });
      } else if ((error as GraphQLError).extensions?.code) {
        sendJson(response, 400, { errors: [{ message: (error as Error).message, extensions: (error as GraphQLError).extensions }] });
      } else {
        logger.error({ err: error }, 'request failed');
        if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    } finally {
      timer({ status: String(response.statusCode) });
    }
  });
  server.keepAliveTimeout = 65_000;
  const port = await listen(server, config.port, config.host);
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, `${definition.name} subgraph ready`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await closeGracefully(server, config.shutdownGraceMs);
      stopJwks();
      await apollo.stop();
      await Promise.all(stopJobs.map((stopJob) => stopJob()));
      await stopOnStart();
      await consumers.stop();
      await stopFollowingStatuses();
      await relay.stop();
      await pruner.stop();
      await nats.drain().catch(() => undefined);
      await backgroundDataSource.destroy();
      await dataSource.destroy();
      await redis.quit().catch(() => undefined);
      logger.info(`${definition.name} subgraph stopped`);
    })());
  return { url, port, runtime, stop };
}

async function readiness(runtime: SubgraphRuntime) {
  const database = await runtime.dataSource.query('SELECT 1').then(
    () => true,
    () => false,
  );
  const flushed = runtime.nats.flush().then(
    () => true,
    () => false,
  );
  const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref());
  const nats = !runtime.nats.isClosed() && (await Promise.race([flushed, timedOut]));
  const redis = await runtime.redis.ping().then(
    () => true,
    () => false,
  );
  return { ready: database && nats && redis, database, nats, redis };
}
