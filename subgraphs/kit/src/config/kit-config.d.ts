import { type Env } from './env-reader';
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
export declare function readAuthConfig(env?: Env): AuthConfig;
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
export declare function readEventStorage(env?: Env): EventStorageConfig;
export declare function readNodeEnv(env?: Env): KitConfig['nodeEnv'];
export declare function readEventNamespace(env?: Env): string;
export declare function loadKitConfig(service: string, defaultPort: number, env?: Env): KitConfig;
