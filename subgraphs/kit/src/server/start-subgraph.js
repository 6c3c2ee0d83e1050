"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startSubgraph = startSubgraph;
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const server_1 = require("@apollo/server");
const inlineTrace_1 = require("@apollo/server/plugin/inlineTrace");
const disabled_1 = require("@apollo/server/plugin/disabled");
const kit_config_1 = require("../config/kit-config");
const logger_1 = require("../logging/logger");
const format_error_1 = require("../errors/format-error");
const create_data_source_1 = require("../data/create-data-source");
const statement_counter_1 = require("../data/statement-counter");
const statement_counter_2 = require("../data/statement-counter");
const loader_registry_1 = require("../data/loader-registry");
const nats_connection_1 = require("../events/nats-connection");
const redis_connection_1 = require("../data/redis-connection");
const revocation_list_1 = require("../caller/revocation-list");
const event_names_1 = require("../events/event-names");
const streams_1 = require("../events/streams");
const outbox_relay_1 = require("../events/outbox-relay");
const event_pruner_1 = require("../events/event-pruner");
const unit_of_work_1 = require("../events/unit-of-work");
const store_scope_1 = require("../tenancy/store-scope");
const store_db_1 = require("../tenancy/store-db");
const store_statuses_1 = require("../tenancy/store-statuses");
const consumer_runner_1 = require("../events/consumer-runner");
const signing_keys_1 = require("../caller/signing-keys");
const jwks_1 = require("../caller/jwks");
const caller_from_headers_1 = require("../caller/caller-from-headers");
const app_identity_1 = require("../apps/app-identity");
const app_scope_plugin_1 = require("../apps/app-scope.plugin");
const signing_secret_1 = require("../security/signing-secret");
const require_gateway_signature_1 = require("../security/require-gateway-signature");
const metrics_1 = require("./metrics");
const graphql_http_1 = require("./graphql-http");
const request_origin_1 = require("./request-origin");
const http_lifecycle_1 = require("./http-lifecycle");
/**
 * Starts a subgraph: database and migrations, NATS streams, outbox relay, consumers, and Apollo
 * Server on node:http with /graphql (only requests the gateway signed), /health, /ready, /metrics and
 * the definition's `httpRoutes` (no signature: JWKS, provider webhooks with their own).
 * `stop()` shuts down gracefully: no new requests, in-flight ones finish, consumers stop, NATS
 * drains, the database closes.
 */
async function startSubgraph(definition, env = process.env) {
    const config = (0, kit_config_1.loadKitConfig)(definition.name, definition.defaultPort, env);
    const logger = (0, logger_1.createLogger)(definition.name, config.logLevel);
    const { registry, requestSeconds, refusedRequests, routeLabel } = (0, metrics_1.createMetrics)(definition.name, Object.keys(definition.httpRoutes ?? {}));
    // only the gateway may ask: /graphql requests carry its signature (the other routes need none)
    const gatewayOnly = { admit: (0, require_gateway_signature_1.requireGatewaySignature)((0, signing_secret_1.loadSubgraphSigningSecret)(env), (reason) => refusedRequests.inc({ reason })) };
    const keys = (0, signing_keys_1.loadSigningKeys)(config.auth, config.isProduction);
    const stopJwks = config.auth.jwksUrl ? await (0, jwks_1.trustJwks)(keys, config.auth.jwksUrl, logger) : () => undefined;
    const statements = new statement_counter_1.StatementCounter(registry, logger);
    const dataSource = await (0, create_data_source_1.createDataSource)(config, definition, registry, logger, statements);
    // consumers, the relay, pruning and jobs work on a capped pool of their own, so they never starve requests
    const backgroundDataSource = await (0, create_data_source_1.createBackgroundDataSource)(config, definition, statements);
    const redis = await (0, redis_connection_1.connectRedis)(config.redisUrl, logger);
    const revocations = new revocation_list_1.RevocationList(redis);
    const nats = await (0, nats_connection_1.connectNats)(config.natsUrl, `ultramarket-${definition.name}`, logger);
    const js = nats.jetstream();
    const jsm = await nats.jetstreamManager();
    const names = new event_names_1.EventNames(config.eventNamespace);
    await (0, streams_1.ensureStream)(jsm, names, 'deadletter');
    for (const domain of definition.publishes)
        await (0, streams_1.ensureStream)(jsm, names, domain);
    const relay = new outbox_relay_1.OutboxRelay(backgroundDataSource, js, logger, config.outboxPollMs);
    const publishCommitted = (events) => relay.publishCommitted(events);
    const unitOfWork = new unit_of_work_1.UnitOfWork(dataSource, names, publishCommitted);
    const background = { dataSource: backgroundDataSource, unitOfWork: new unit_of_work_1.UnitOfWork(backgroundDataSource, names, publishCommitted) };
    const storeStatuses = new store_statuses_1.StoreStatuses(dataSource);
    const runtime = {
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
    const pruner = new event_pruner_1.EventPruner(backgroundDataSource, logger, {
        outboxRetentionMs: config.eventStorage.outboxRetentionMs,
        processedEventRetentionMs: config.eventStorage.processedEventRetentionMs,
    });
    pruner.start();
    const consumers = new consumer_runner_1.ConsumerRunner({
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
    const handlers = [...(definition.consumers ?? []), ...(definition.followsStoreStatus ? storeStatuses.followers(definition.name) : [])];
    for (const handler of handlers)
        await consumers.start(handler);
    // every replica hears every store status change at once (the durable followers above keep the table)
    const stopFollowingStatuses = definition.followsStoreStatus ? await storeStatuses.follow({ js, jsm, names, logger }) : async () => undefined;
    const stopOnStart = (await definition.onStart?.(runtime)) ?? (async () => undefined);
    // jobs are background work: their runtime's data source and unit of work are the background pool's
    const jobRuntime = { ...runtime, ...background };
    const stopJobs = (definition.jobs ?? []).map((job) => job(jobRuntime));
    const apollo = new server_1.ApolloServer({
        schema: await definition.schema(),
        formatError: (0, format_error_1.createErrorFormatter)({
            isProduction: config.isProduction,
            onUnexpected: (error) => logger.error({ err: error }, 'unexpected error'),
        }),
        includeStacktraceInErrorResponses: !config.isProduction,
        introspection: true,
        // federated traces cost CPU on every request; only when asked for (SUBGRAPH_INLINE_TRACING=true)
        plugins: [
            (0, app_scope_plugin_1.appScopePlugin)(definition.appAccess),
            config.inlineTracing ? (0, inlineTrace_1.ApolloServerPluginInlineTrace)() : (0, disabled_1.ApolloServerPluginInlineTraceDisabled)(),
            (0, disabled_1.ApolloServerPluginLandingPageDisabled)(),
        ],
    });
    await apollo.start();
    const contextFor = (request) => async () => {
        const requestId = (0, graphql_http_1.headerValue)(request, 'x-request-id') ?? (0, node_crypto_1.randomUUID)();
        const correlationId = (0, graphql_http_1.headerValue)(request, 'x-correlation-id') ?? requestId;
        const caller = await revocations.check((0, caller_from_headers_1.callerFromHeaders)({ authorization: (0, graphql_http_1.headerValue)(request, 'authorization'), storeId: (0, graphql_http_1.headerValue)(request, 'x-store-id'), app: (0, graphql_http_1.headerValue)(request, app_identity_1.APP_CALLER_HEADER) }, keys, config.auth));
        const scope = (0, store_scope_1.scopeOf)(caller);
        return {
            caller,
            requestId,
            correlationId,
            logger: logger.child({ requestId, correlationId }),
            loaders: new loader_registry_1.LoaderRegistry(),
            db: dataSource,
            storeDb: new store_db_1.StoreDb(dataSource, scope),
            unitOfWork: unitOfWork.forScope(scope),
            storeStatuses,
            origin: (0, request_origin_1.originOf)(request),
        };
    };
    const server = (0, node_http_1.createServer)(async (request, response) => {
        const route = (request.url ?? '/').split('?')[0];
        const timer = requestSeconds.startTimer({ route: routeLabel(route) });
        try {
            if (route === '/health') {
                (0, graphql_http_1.sendJson)(response, 200, { status: 'ok', service: definition.name });
            }
            else if (route === '/ready') {
                const checks = await readiness(runtime);
                (0, graphql_http_1.sendJson)(response, checks.ready ? 200 : 503, checks);
            }
            else if (route === '/metrics') {
                response.writeHead(200, { 'content-type': registry.contentType });
                response.end(await registry.metrics());
            }
            else if (route === '/graphql') {
                await statement_counter_2.requestScope.run(true, () => (0, graphql_http_1.handleGraphQLRequest)(apollo, request, response, contextFor(request), gatewayOnly));
            }
            else if (definition.httpRoutes && Object.hasOwn(definition.httpRoutes, route)) {
                const handle = definition.httpRoutes[route];
                await statement_counter_2.requestScope.run(true, () => handle(request, response, runtime));
            }
            else {
                (0, graphql_http_1.sendJson)(response, 404, { error: 'not found' });
            }
        }
        catch (error) {
            if (error instanceof graphql_http_1.PayloadTooLargeError) {
                (0, graphql_http_1.sendJson)(response, 413, { errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }] });
            }
            else if (error.extensions?.code) {
                (0, graphql_http_1.sendJson)(response, 400, { errors: [{ message: error.message, extensions: error.extensions }] });
            }
            else {
                logger.error({ err: error }, 'request failed');
                if (!response.headersSent)
                    (0, graphql_http_1.sendJson)(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
            }
        }
        finally {
            timer({ status: String(response.statusCode) });
        }
    });
    server.keepAliveTimeout = 65_000;
    const port = await (0, http_lifecycle_1.listen)(server, config.port, config.host);
    const url = `http://127.0.0.1:${port}/graphql`;
    logger.info({ url }, `${definition.name} subgraph ready`);
    let stopping = null;
    const stop = () => (stopping ??= (async () => {
        await (0, http_lifecycle_1.closeGracefully)(server, config.shutdownGraceMs);
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
async function readiness(runtime) {
    const database = await runtime.dataSource.query('SELECT 1').then(() => true, () => false);
    const flushed = runtime.nats.flush().then(() => true, () => false);
    const timedOut = new Promise((resolve) => setTimeout(() => resolve(false), 1000).unref());
    const nats = !runtime.nats.isClosed() && (await Promise.race([flushed, timedOut]));
    const redis = await runtime.redis.ping().then(() => true, () => false);
    return { ready: database && nats && redis, database, nats, redis };
}
//# sourceMappingURL=start-subgraph.js.map