import { ConfigError, envReader, type Env } from './env-reader';

/** Everything a subgraph process reads from its environment, validated in one place. */
export interface KitConfig {
  service: string;
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  logLevel: string;
  host: string;
  port: number;
  database: {
    host: string;
    port: number;
    /** Owns the tables and runs the migrations. */
    user: string;
    password: string | undefined;
    /** What the application connects as: neither owner nor superuser, so row-level security binds it. */
    appUser: string;
    appPassword: string | undefined;
    name: string;
    /** Connections serving requests. */
    poolSize: number;
    /** Connections for background work (consumers, relay, pruning, jobs), a pool of their own (BACKGROUND_POOL_SIZE). */
    backgroundPoolSize: number;
  };
  redisUrl: string;
  natsUrl: string;
  /** Prefix of every stream and subject, so test suites and side-by-side installs never collide. */
  eventNamespace: string;
  outboxPollMs: number;
  consumerMaxDeliveries: number;
  consumerConcurrency: number;
  /** How long JetStream waits for an ack before redelivering; a crashed replica's messages come back after this. */
  consumerAckWaitMs: number;
  /** How long after its publication an event failing transiently (database down) is retried without counting toward the dead letter. */
  eventRetryWindowMs: number;
  eventStorage: EventStorageConfig;
  auth: AuthConfig;
  shutdownGraceMs: number;
  inlineTracing: boolean;
}

export interface AuthConfig {
  issuer: string;
  audience: string;
  publicKeyPem: string | undefined;
  privateKeyPem: string | undefined;
  keyId: string;
  keysDir: string | undefined;
  /** Where the issuer publishes its public keys (accounts' /.well-known/jwks.json); optional. */
  jwksUrl: string | undefined;
  /** The in-process cache of verified tokens (`VerifiedTokenCache`). */
  tokenCache: TokenCacheConfig;
}

export interface TokenCacheConfig {
  /** Most verified tokens kept (`TOKEN_CACHE_SIZE`); 0 turns the cache off and every request verifies the signature. */
  size: number;
  /** Longest an entry is served whatever its `exp` (`TOKEN_CACHE_MAX_AGE_SECONDS`): a key retired from the JWKS stops being honoured this soon after. */
  maxAgeSeconds: number;
}

export function readAuthConfig(env: Env = process.env): AuthConfig {
  const read = envReader(env);
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

/** How long events are kept: in the JetStream streams, and as the kit's outbox and processed-event rows. */
export interface EventStorageConfig {
  /** A stream's messages are dropped after this long (EVENT_STREAM_MAX_AGE); replay and catch-up reach no further back. */
  streamMaxAgeMs: number;
  /** A stream's size cap in bytes, oldest dropped first (EVENT_STREAM_MAX_BYTES); -1: no cap. */
  streamMaxBytes: number;
  /** Published outbox rows are deleted after this long (OUTBOX_RETENTION). */
  outboxRetentionMs: number;
  /**
   * A consumer's record of a handled event is deleted after this long (PROCESSED_EVENT_RETENTION).
   * At least the stream's max age: a copy of an event still in a stream (a replayed dead letter, a
   * re-published outbox row) must still find the record that makes it a no-op.
   */
  processedEventRetentionMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function readEventStorage(env: Env = process.env): EventStorageConfig {
  const read = envReader(env);
  const storage: EventStorageConfig = {
    streamMaxAgeMs: read.duration('EVENT_STREAM_MAX_AGE', 7 * DAY_MS, { min: 60_000 }),
    streamMaxBytes: read.int('EVENT_STREAM_MAX_BYTES', -1, { min: -1 }),
    outboxRetentionMs: read.duration('OUTBOX_RETENTION', 7 * DAY_MS, { min: 60_000 }),
    processedEventRetentionMs: read.duration('PROCESSED_EVENT_RETENTION', 7 * DAY_MS, { min: 60_000 }),
  };
  if (storage.streamMaxBytes === 0) throw new ConfigError('EVENT_STREAM_MAX_BYTES', 'must be -1 (no cap) or a number of bytes, got 0');
  if (storage.processedEventRetentionMs < storage.streamMaxAgeMs) {
    throw new ConfigError(
      'PROCESSED_EVENT_RETENTION',
      'must be at least EVENT_STREAM_MAX_AGE: an event still in a stream must find the record that makes its redelivery a no-op',
    );
  }
  return storage;
}

export function readNodeEnv(env: Env = process.env): KitConfig['nodeEnv'] {
  return envReader(env).oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
}

export function readEventNamespace(env: Env = process.env): string {
  const namespace = envReader(env).string('EVENT_NAMESPACE', '');
  if (namespace !== '' && !/^[a-z0-9_]+$/.test(namespace)) {
    throw new Error('Invalid configuration: EVENT_NAMESPACE must be lower-case letters, digits and underscores');
  }
  return namespace;
}

export function loadKitConfig(service: string, defaultPort: number, env: Env = process.env): KitConfig {
  const read = envReader(env);
  const nodeEnv = readNodeEnv(env);
  const config = readKitConfig(service, defaultPort, read, nodeEnv, env);
  if (config.database.appUser === config.database.user) {
    throw new Error('Invalid configuration: DATABASE_APP_USER must differ from DATABASE_USER (the owner), or row-level security would not bind it');
  }
  return config;
}

function readKitConfig(service: string, defaultPort: number, read: ReturnType<typeof envReader>, nodeEnv: KitConfig['nodeEnv'], env: Env): KitConfig {
  return {
    service,
    nodeEnv,
    isProduction: nodeEnv === 'production',
    logLevel: read.oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const, 'info'),
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
