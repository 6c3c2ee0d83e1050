import Redis from 'ioredis';
import type { Logger } from '../logging/logger';

/** One Redis connection per process (token deny-list, caches, rate limits); fails at start when unreachable. */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection'));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis is not reachable at ${url}: ${(error as Error).message} (start it with: redis-server)`);
  }
  return redis;
}
