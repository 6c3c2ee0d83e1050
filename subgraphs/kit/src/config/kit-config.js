"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readAuthConfig = readAuthConfig;
exports.readEventStorage = readEventStorage;
exports.readNodeEnv = readNodeEnv;
exports.readEventNamespace = readEventNamespace;
exports.loadKitConfig = loadKitConfig;
const env_reader_1 = require("./env-reader");
function readAuthConfig(env = process.env) {
    const read = (0, env_reader_1.envReader)(env);
    return {
        issuer: read.string('JWT_ISSUER', 'ultramarket'),
        audience: read.string('JWT_AUDIENCE', 'ultramarket-api'),
        publicKeyPem: read.optionalString('JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n'),
        privateKeyPem: read.optionalString('JWT_PRIVATE_KEY')?.replace(/\\n/g, '\n'),
        keyId: read.string('JWT_KEY_ID', 'dev-1'),
        keysDir: read.optionalString('JWT_KEYS_DIR'),
        jwksUrl: read.optionalString('JWKS_URL') && read.url('JWKS_URL', '', ['http', 'https']),
        tokenCache: {
            size: read.int('TOKEN_CACHE_SIZE', 10_000, { min: 0, max: 1_000_000 }),
            maxAgeSeconds: read.int('TOKEN_CACHE_MAX_AGE_SECONDS', 60, { min: 1, max: 3600 }),
        },
    };
}
const DAY_MS = 24 * 60 * 60 * 1000;
function readEventStorage(env = process.env) {
    const read = (0, env_reader_1.envReader)(env);
    const storage = {
        streamMaxAgeMs: read.duration('EVENT_STREAM_MAX_AGE', 7 * DAY_MS, { min: 60_000 }),
        streamMaxBytes: read.int('EVENT_STREAM_MAX_BYTES', -1, { min: -1 }),
        outboxRetentionMs: read.duration('OUTBOX_RETENTION', 7 * DAY_MS, { min: 60_000 }),
        processedEventRetentionMs: read.duration('PROCESSED_EVENT_RETENTION', 7 * DAY_MS, { min: 60_000 }),
    };
    if (storage.streamMaxBytes === 0)
        throw new env_reader_1.ConfigError('EVENT_STREAM_MAX_BYTES', 'must be -1 (no cap) or a number of bytes, got 0');
    if (storage.processedEventRetentionMs < storage.streamMaxAgeMs) {
        throw new env_reader_1.ConfigError('PROCESSED_EVENT_RETENTION', 'must be at least EVENT_STREAM_MAX_AGE: an event still in a stream must find the record that makes its redelivery a no-op');
    }
    return storage;
}
function readNodeEnv(env = process.env) {
    return (0, env_reader_1.envReader)(env).oneOf('NODE_ENV', ['development', 'test', 'production'], 'development');
}
function readEventNamespace(env = process.env) {
    const namespace = (0, env_reader_1.envReader)(env).string('EVENT_NAMESPACE', '');
    if (namespace !== '' && !/^[a-z0-9_]+$/.test(namespace)) {
        throw new Error('Invalid configuration: EVENT_NAMESPACE must be lower-case letters, digits and underscores');
    }
    return namespace;
}
function loadKitConfig(service, defaultPort, env = process.env) {
    const read = (0, env_reader_1.envReader)(env);
    const nodeEnv = readNodeEnv(env);
    const config = readKitConfig(service, defaultPort, read, nodeEnv, env);
    if (config.database.appUser === config.database.user) {
        throw new Error('Invalid configuration: DATABASE_APP_USER must differ from DATABASE_USER (the owner), or row-level security would not bind it');
    }
    return config;
}
function readKitConfig(service, defaultPort, read, nodeEnv, env) {
    return {
        service,
        nodeEnv,
        isProduction: nodeEnv === 'production',
        logLevel: read.oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], 'info'),
        host: read.string('HOST', '0.0.0.0'),
        port: read.int('PORT', defaultPort, { min: 0, max: 65535 }),
        database: {
            host: read.string('DATABASE_HOST', '127.0.0.1'),
            port: read.int('DATABASE_PORT', 5432, { min: 1, max: 65535 }),
            user: read.string('DATABASE_USER', 'postgres'),
            password: read.optionalString('DATABASE_PASSWORD'),
            appUser: read.string('DATABASE_APP_USER', 'ultramarket_app'),
            appPassword: read.optionalString('DATABASE_APP_PASSWORD'),
            name: read.string('DATABASE_NAME', `ultramarket_${service}`),
            poolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
            backgroundPoolSize: read.int('BACKGROUND_POOL_SIZE', 4, { min: 1, max: 200 }),
        },
        redisUrl: read.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss']),
        natsUrl: read.url('NATS_URL', 'nats://127.0.0.1:4222', ['nats', 'tls']),
        eventNamespace: readEventNamespace(env),
        outboxPollMs: read.int('OUTBOX_POLL_MS', 1000, { min: 10 }),
        consumerMaxDeliveries: read.int('CONSUMER_MAX_DELIVERIES', 5, { min: 1, max: 100 }),
        consumerConcurrency: read.int('CONSUMER_CONCURRENCY', 8, { min: 1, max: 256 }),
        consumerAckWaitMs: read.int('CONSUMER_ACK_WAIT_MS', 10_000, { min: 500, max: 600_000 }),
        eventRetryWindowMs: read.duration('EVENT_RETRY_WINDOW', 60 * 60 * 1000, { min: 0 }),
        eventStorage: readEventStorage(env),
        auth: readAuthConfig(env),
        shutdownGraceMs: read.int('SHUTDOWN_GRACE_MS', 10000, { min: 0 }),
        inlineTracing: read.bool('SUBGRAPH_INLINE_TRACING', false),
    };
}
//# sourceMappingURL=kit-config.js.map