import { Buffer } from 'node:buffer';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type Redis from 'ioredis';

export interface RedisKeyValueCacheOptions {
  /** Keys live under this prefix, apart from the token deny-list (`ultramarket:revoked-…`). */
  prefix?: string;
  /** Every entry expires: the asked TTL, never longer than this, this when none is asked. */
  maxTtlSeconds?: number;
  /** Larger values are not stored (a persisted query's document is refused past this). */
  maxValueBytes?: number;
}

/**
 * Apollo Server's cache (automatic persisted queries) in Redis, shared by every gateway replica:
 * a client that registered a query's hash with one replica can send only the hash to another.
 * Bounded so it cannot crowd Redis: no entry lives forever or exceeds `maxValueBytes`; how many a
 * client may register is counted by the rate-limit plugin (PersistedQueryRegistrations).
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  private readonly prefix: string;
  private readonly maxTtlSeconds: number;
  private readonly maxValueBytes: number;

  constructor(
    private readonly redis: Redis,
    options: RedisKeyValueCacheOptions = {},
  ) {
    this.prefix = options.prefix ?? 'ultramarket:gateway:';
    this.maxTtlSeconds = options.maxTtlSeconds ?? 24 * 60 * 60;
    this.maxValueBytes = options.maxValueBytes ?? 64 * 1024;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (Buffer.byteLength(value, 'utf8') > this.maxValueBytes) return;
    const ttl = Math.min(options?.ttl || this.maxTtlSeconds, this.maxTtlSeconds);
    await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.ceil(ttl)));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}
