import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createLogger, type EventEnvelope } from '@ultramarket/kit';
import { LocalResponseCache } from './local-response-cache';
import { RedisResponseCache } from './redis-response-cache';
import { ResponseCache } from './response-cache';
import { getOperationAST, parse } from 'graphql';
import { ownWriteTags, tagsOfEvent } from './cache-tags';

/** Two gateway replicas' caches over the machine's Redis. */
describe('ResponseCache', () => {
  const connections: Redis[] = [];
  const prefix = `ultramarket:test:response-cache:${randomUUID()}:`;
  const logger = createLogger('response-cache-test', 'error');
  const replica = () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    connections.push(redis);
    const cache = new ResponseCache(new LocalResponseCache({ maxEntries: 100, maxBytes: 1 << 20 }), new RedisResponseCache(redis, prefix), 64 * 1024, logger);
    cache.setFollowing(true);
    return cache;
  };
  const inspector = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

  afterAll(async () => {
    const keys = await inspector.keys(`${prefix}*`);
    if (keys.length > 0) await inspector.del(...keys);
    await inspector.quit();
    await Promise.all(connections.map((redis) => redis.quit()));
  });

  /** Waits (at most 5 s) for a condition a write in flight on another connection will make true. */
  const until = async (condition: () => Promise<boolean>) => {
    const deadline = Date.now() + 5000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  /** Redis has the entry: what another replica would be served. */
  const inRedis = async (key: string) => (await inspector.exists(`${prefix}entry:${key}`)) === 1;

  it('shares what one replica stored with another, and an event heard by either deletes it everywhere', async () => {
    const [a, b] = [replica(), replica()];
    const key = randomUUID();
    expect(a.store(key, { products: [1] }, 60, ['Product:list:s1', 'store:s1'], a.readStart())).toBe(true);
    await until(() => inRedis(key));
    expect(await b.get(key)).toMatchObject({ data: { products: [1] }, maxAgeSeconds: 60, tags: ['Product:list:s1', 'store:s1'] });
    expect(await inRedis(key)).toBe(true);

    await a.invalidate(['Product:list:s1']);
    expect(await inRedis(key)).toBe(false);
    expect(await a.get(key)).toBeUndefined();
    // b's own copy goes when b hears the same event (every replica follows every event)
    await b.invalidate(['Product:list:s1']);
    expect(await b.get(key)).toBeUndefined();
    expect(await inspector.exists(`${prefix}tag:Product:list:s1`)).toBe(0);
  });

  it('does not store a read that started before an invalidation of one of its tags', async () => {
    const cache = replica();
    const key = randomUUID();
    const startedAt = cache.readStart();
    await cache.invalidate(['Product:p1']);
    expect(cache.store(key, { product: { price: 'old' } }, 60, ['Product:p1', 'store:s1'], startedAt)).toBe(false);
    expect(await cache.get(key)).toBeUndefined();
    expect(await inRedis(key)).toBe(false);
    // a read of other tags, or one started after the event, is stored
    expect(cache.store(randomUUID(), { product: {} }, 60, ['Product:p2'], startedAt)).toBe(true);
    expect(cache.store(key, { product: { price: 'new' } }, 60, ['Product:p1', 'store:s1'], cache.readStart())).toBe(true);
    expect(await cache.get(key)).toMatchObject({ data: { product: { price: 'new' } } });
  });

  it("does not take from Redis another replica's entry read before this replica's invalidation of one of its tags", async () => {
    const [a, b] = [replica(), replica()];
    const key = randomUUID();
    const readBeforeTheChange = a.readStart();
    // b hears the event; a has not yet, and stores what it read before the change
    await b.invalidate(['Product:p9']);
    expect(a.store(key, { product: { price: 'old' } }, 60, ['Product:p9', 'store:s1'], readBeforeTheChange)).toBe(true);
    await until(() => inRedis(key));
    expect(await b.get(key)).toBeUndefined();
    // a's own layer serves it until a hears the event too, which deletes it everywhere
    expect(await a.get(key)).toBeDefined();
    await a.invalidate(['Product:p9']);
    expect(await inRedis(key)).toBe(false);
    expect(await a.get(key)).toBeUndefined();
  });

  it('serves and stores nothing while its invalidation feed is down, and empties its local layer', async () => {
    const cache = replica();
    const key = randomUUID();
    cache.store(key, { a: 1 }, 60, ['t'], cache.readStart());
    await until(() => inRedis(key));
    cache.setFollowing(false);
    expect(await cache.get(key)).toBeUndefined();
    expect(cache.store(randomUUID(), { a: 2 }, 60, ['t'], cache.readStart())).toBe(false);
    cache.setFollowing(true);
    // back from Redis (the replica's own events meanwhile are heard again before it serves)
    expect(await cache.get(key)).toMatchObject({ data: { a: 1 } });
  });

  it('keeps an entry in Redis only for its max age and refuses one larger than the entry bound', async () => {
    const cache = replica();
    const key = randomUUID();
    cache.store(key, { a: 1 }, 7, ['t'], cache.readStart());
    await until(() => inRedis(key));
    const ttl = await inspector.ttl(`${prefix}entry:${key}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(7);
    expect(cache.store(randomUUID(), { big: 'x'.repeat(70 * 1024) }, 60, ['t'], cache.readStart())).toBe(false);
  });
});

describe('tagsOfEvent', () => {
  const event = (type: string, data: Record<string, unknown>): EventEnvelope => ({
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    storeId: 's1',
    aggregateId: 'agg',
    aggregateVersion: 1,
    causationId: null,
    correlationId: randomUUID(),
    data,
  });

  it('names the product and its store list for product and stock events, the store and its lookups for store events', () => {
    expect(tagsOfEvent(event('catalog.product-updated', { productId: 'p1' }))).toEqual(['Product:p1', 'Product:list:s1']);
    expect(tagsOfEvent(event('inventory.stock-changed', { productId: 'p2' }))).toEqual(['Product:p2', 'Product:list:s1']);
    expect(tagsOfEvent(event('stores.status-changed', {}))).toEqual(['Store:s1', 'Store:lookup', 'store:s1']);
    expect(tagsOfEvent(event('orders.placed', {}))).toEqual([]);
  });

  it('names the store’s categories and collections (and the product, when one is named) for category and collection events', () => {
    expect(tagsOfEvent(event('catalog.product-categories-changed', { productId: 'p1', categoryIds: [] }))).toEqual([
      'Product:p1',
      'Catalog:groups:s1',
      'Product:list:s1',
    ]);
    for (const type of ['catalog.category-updated', 'catalog.category-deleted', 'catalog.collection-updated', 'catalog.collection-deleted']) {
      expect(tagsOfEvent(event(type, { collectionId: 'agg', categoryId: 'agg' }))).toEqual(['Catalog:groups:s1', 'Product:list:s1']);
    }
  });
});

describe('ownWriteTags', () => {
  const operation = (text: string) => getOperationAST(parse(text))!;

  it("names the caller's store and every store the write names, inline or in variables, and every store lookup", () => {
    const write = operation('mutation ($input: SetStoreStatusInput!) { a: setStoreStatus(input: $input) { ok } b: x(storeId: "s3") { ok } }');
    const tags = ownWriteTags('s1', write, { input: { storeId: 's2', status: 'SUSPENDED' } });
    expect(tags.sort()).toEqual(['Store:lookup', 'Store:s1', 'Store:s2', 'Store:s3', 'store:s1', 'store:s2', 'store:s3'].sort());
    expect(ownWriteTags(null, operation('mutation { y(input: { name: "n" }) { ok } }'), undefined)).toEqual(['Store:lookup']);
  });
});
