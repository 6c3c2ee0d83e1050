"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const env_reader_1 = require("./env-reader");
const kit_config_1 = require("./kit-config");
describe('loadKitConfig', () => {
    it('defaults to the local services and the subgraph database', () => {
        const config = (0, kit_config_1.loadKitConfig)('catalog', 4003, {});
        expect(config.port).toBe(4003);
        expect(config.database).toMatchObject({ host: '127.0.0.1', port: 5432, user: 'postgres', name: 'ultramarket_catalog' });
        expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
        expect(config.natsUrl).toBe('nats://127.0.0.1:4222');
        expect(config.isProduction).toBe(false);
        expect(config.eventNamespace).toBe('');
        expect(config.auth.tokenCache).toEqual({ size: 10_000, maxAgeSeconds: 60 });
    });
    it('reads the verified-token cache size (0 turns it off) and maximum age', () => {
        expect((0, kit_config_1.loadKitConfig)('catalog', 4003, { TOKEN_CACHE_SIZE: '0', TOKEN_CACHE_MAX_AGE_SECONDS: '5' }).auth.tokenCache).toEqual({ size: 0, maxAgeSeconds: 5 });
    });
    it('reads the event retry window as a duration, an hour by default', () => {
        expect((0, kit_config_1.loadKitConfig)('catalog', 4003, {}).eventRetryWindowMs).toBe(3_600_000);
        expect((0, kit_config_1.loadKitConfig)('catalog', 4003, { EVENT_RETRY_WINDOW: '15m' }).eventRetryWindowMs).toBe(900_000);
        expect((0, kit_config_1.loadKitConfig)('catalog', 4003, { EVENT_RETRY_WINDOW: '2d' }).eventRetryWindowMs).toBe(172_800_000);
        expect((0, kit_config_1.loadKitConfig)('catalog', 4003, { EVENT_RETRY_WINDOW: '2500' }).eventRetryWindowMs).toBe(2500);
    });
    it('keeps events a week by default and refuses processed-event records that would die before their stream copy', () => {
        const week = 7 * 24 * 3_600_000;
        expect((0, kit_config_1.loadKitConfig)('catalog', 4003, {}).eventStorage).toEqual({
            streamMaxAgeMs: week,
            streamMaxBytes: -1,
            outboxRetentionMs: week,
            processedEventRetentionMs: week,
        });
        expect((0, kit_config_1.loadKitConfig)('catalog', 4003, { EVENT_STREAM_MAX_AGE: '2d', EVENT_STREAM_MAX_BYTES: '1000000', OUTBOX_RETENTION: '1d' }).eventStorage).toEqual({
            streamMaxAgeMs: 2 * 24 * 3_600_000,
            streamMaxBytes: 1_000_000,
            outboxRetentionMs: 24 * 3_600_000,
            processedEventRetentionMs: week,
        });
        expect(() => (0, kit_config_1.loadKitConfig)('catalog', 4003, { PROCESSED_EVENT_RETENTION: '3d' })).toThrow(/PROCESSED_EVENT_RETENTION must be at least EVENT_STREAM_MAX_AGE/);
        expect(() => (0, kit_config_1.loadKitConfig)('catalog', 4003, { EVENT_STREAM_MAX_BYTES: '0' })).toThrow(/EVENT_STREAM_MAX_BYTES must be -1/);
    });
    it('reads overrides from the environment', () => {
        const config = (0, kit_config_1.loadKitConfig)('inventory', 4004, {
            PORT: '0',
            DATABASE_NAME: 'other',
            NATS_URL: 'nats://10.0.0.1:4333',
            NODE_ENV: 'production',
            EVENT_NAMESPACE: 'suite_1',
        });
        expect(config).toMatchObject({ port: 0, isProduction: true, natsUrl: 'nats://10.0.0.1:4333', eventNamespace: 'suite_1' });
        expect(config.database.name).toBe('other');
    });
    it.each([
        ['PORT', 'eighty', /PORT must be an integer/],
        ['PORT', '70000', /PORT must be <= 65535/],
        ['DATABASE_PORT', '-1', /DATABASE_PORT must be >= 1/],
        ['NATS_URL', 'localhost:4222', /NATS_URL must use nats or tls/],
        ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
        ['NODE_ENV', 'staging', /NODE_ENV must be one of development, test, production/],
        ['SUBGRAPH_INLINE_TRACING', 'maybe', /SUBGRAPH_INLINE_TRACING must be true or false/],
        ['EVENT_NAMESPACE', 'Has-Dashes', /EVENT_NAMESPACE must be lower-case/],
        ['TOKEN_CACHE_SIZE', '-1', /TOKEN_CACHE_SIZE must be >= 0/],
        ['TOKEN_CACHE_MAX_AGE_SECONDS', '0', /TOKEN_CACHE_MAX_AGE_SECONDS must be >= 1/],
        ['EVENT_RETRY_WINDOW', 'an hour', /EVENT_RETRY_WINDOW must be a duration/],
    ])('fails at start naming %s when it is "%s"', (variable, value, message) => {
        expect(() => (0, kit_config_1.loadKitConfig)('catalog', 4003, { [variable]: value })).toThrow(message);
    });
    it('says which variable is wrong in the error itself', () => {
        try {
            (0, kit_config_1.loadKitConfig)('catalog', 4003, { CONSUMER_MAX_DELIVERIES: '0' });
            throw new Error('expected a ConfigError');
        }
        catch (error) {
            expect(error).toBeInstanceOf(env_reader_1.ConfigError);
            expect(error.variable).toBe('CONSUMER_MAX_DELIVERIES');
        }
    });
});
//# sourceMappingURL=kit-config.test.js.map