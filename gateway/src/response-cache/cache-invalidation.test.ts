import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { NatsConnection } from 'nats';
import { connectNats, createLogger, envelopeFor, EventNames, type EventSource } from '@ultramarket/kit';
import { eventually, uniqueSuiteName } from '../../../subgraphs/kit/test/support/test-names';
import { PrivateNatsServer } from '../../../subgraphs/kit/test/support/private-nats-server';
import { followCacheInvalidations } from './cache-invalidation';
import { LocalResponseCache } from './local-response-cache';
import { RedisResponseCache } from './redis-response-cache';
import { ResponseCache } from './response-cache';

const logger = createLogger('response-cache-test', 'silent');

/**
 * The invalidation feeds on real NATS and Redis: an event published as a subgraph publishes it deletes
 * the tags it names, here and in Redis, also after the NATS server was killed and came back.
 */
describe('followCacheInvalidations', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `ultramarket:test:response-cache:${randomUUID()}:`;

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const follow = async (url: string) => {
    const names = new EventNames(uniqueSuiteName('respcache'));
    const nats = await connectNats(url, names.namespace, logger);
    const source: EventSource = { js: nats.jetstream(), jsm: await nats.jetstreamManager(), names, logger };
    const cacheRedis = redis.duplicate();
    const cache = new ResponseCache(
      new LocalResponseCache({ maxEntries: 100, maxBytes: 1 << 20 }),
      new RedisResponseCache(cacheRedis, prefix),
      1 << 16,
      logger,
    );
    const feeds = await followCacheInvalidations(source, cache);
    const publish = (type: string, storeId: string, productId: string) => {
      const envelope = envelopeFor({ type, storeId, aggregateId: productId, data: { productId } }, { correlationId: randomUUID(), causationId: null });
      return source.js.publish(names.subject(type), JSON.stringify(envelope), { msgID: envelope.id });
    };
    const close = async () => {
      await feeds.stop();
      await cacheRedis.quit();
      await deleteStreams(nats, names);
      await nats.close();
    };
    return { cache, publish, close };
  };

  const deleteStreams = async (nats: NatsConnection, names: EventNames) => {
    const jsm = await nats.jetstreamManager();
    for (const domain of ['catalog', 'inventory', 'stores']) await jsm.streams.delete(names.stream(domain)).catch(() => undefined);
  };

  it('deletes what a product or stock event names, and nothing else', async () => {
    const { cache, publish, close } = await follow(process.env.NATS_URL ?? 'nats://127.0.0.1:4222');
    try {
      expect(cache.serving).toBe(true);
      const [list, product, otherStore] = [randomUUID(), randomUUID(), randomUUID()];
      cache.store(list, { products: [] }, 60, ['Product:list:s1', 'store:s1'], cache.readStart());
      cache.store(product, { product: {} }, 60, ['Product:p2', 'store:s1'], cache.readStart());
      cache.store(otherStore, { products: [] }, 60, ['Product:list:s2', 'store:s2'], cache.readStart());

      await publish('catalog.product-updated', 's1', 'p1');
      await eventually(async () => (await cache.get(list)) === undefined, 10_000, 'the store list to go');
      expect(await cache.get(product)).toBeDefined();
      await publish('inventory.stock-changed', 's1', 'p2');
      await eventually(async () => (await cache.get(product)) === undefined, 10_000, 'the product to go');
      expect(await cache.get(otherStore)).toBeDefined();
      expect(await redis.exists(`${prefix}entry:${list}`, `${prefix}entry:${product}`)).toBe(0);
    } finally {
      await close();
    }
  });

  it('still hears events after its NATS server was killed and came back', async () => {
    const server = new PrivateNatsServer();
    await server.start();
    const { cache, publish, close } = await follow(server.url);
    try {
      await server.kill();
      await server.start();
      const key = randomUUID();
      await eventually(async () => cache.serving && cache.store(key, { products: [] }, 60, ['Product:list:s1'], cache.readStart()), 20_000, 'serving');
      await eventually(async () => (await redis.exists(`${prefix}entry:${key}`)) === 1, 10_000, 'the entry in Redis');
      // published once NATS is back (retried while the client reconnects): heard, and the entry goes from Redis too
      await eventually(() => publish('catalog.product-created', 's1', 'p9').then(() => true), 20_000, 'the publish');
      await eventually(async () => (await redis.exists(`${prefix}entry:${key}`)) === 0, 20_000, 'the entry to go from Redis');
      expect(cache.serving).toBe(true);
      expect(await cache.get(key)).toBeUndefined();
    } finally {
      await close().catch(() => undefined);
      await server.destroy();
    }
  });
});
