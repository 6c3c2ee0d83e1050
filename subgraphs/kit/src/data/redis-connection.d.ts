import Redis from 'ioredis';
import type { Logger } from '../logging/logger';
/** One Redis connection per process (token deny-list, caches, rate limits); fails at start when unreachable. */
export declare function connectRedis(url: string, logger: Logger): Promise<Redis>;
