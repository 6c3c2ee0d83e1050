import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { CostBuckets } from './cost-buckets';

/** The leaky bucket against the machine's Redis (its clock, its script). */
describe('CostBuckets', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `ultramarket:test:rate-limit:${randomUUID()}:`;
  const buckets = new CostBuckets(
    redis,
    { user: { capacity: 100, restoreRate: 10 }, anonymous: { capacity: 50, restoreRate: 5 }, apiKey: { capacity: 30, restoreRate: 3 } },
    prefix,
  );

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('takes charges while they fit and refuses the one that would overflow, without adding it', async () => {
    const key = randomUUID();
    expect(await buckets.charge('user', key, 60)).toMatchObject({ allowed: true, status: { maximumAvailable: 100, restoreRate: 10 } });
    const refused = await buckets.charge('user', key, 60);
    expect(refused.allowed).toBe(false);
    // about 20 points short at 10 a second
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3);
    expect(refused.status.currentlyAvailable).toBeGreaterThanOrEqual(40);
    // the refused charge was not added: a smaller one still fits
    expect((await buckets.charge('user', key, 30)).allowed).toBe(true);
  });

  it('keeps every key and tier apart, and reads the level with a charge of 0', async () => {
    const key = randomUUID();
    await buckets.charge('anonymous', key, 50);
    expect((await buckets.charge('anonymous', key, 1)).allowed).toBe(false);
    expect((await buckets.charge('anonymous', randomUUID(), 50)).allowed).toBe(true);
    expect((await buckets.charge('user', key, 100)).allowed).toBe(true);
    expect(await buckets.charge('user', randomUUID(), 0)).toMatchObject({ allowed: true, status: { currentlyAvailable: 100 } });
  });

  it('drains at the restore rate', async () => {
    const key = randomUUID();
    await buckets.charge('anonymous', key, 50);
    await redis.hset(`${prefix}anonymous:${key}`, 'at', Date.now() - 4000); // as if 4 s had passed: 20 points back
    const status = (await buckets.charge('anonymous', key, 0)).status;
    expect(status.currentlyAvailable).toBeGreaterThanOrEqual(19);
    expect(status.currentlyAvailable).toBeLessThanOrEqual(21);
  });
});
