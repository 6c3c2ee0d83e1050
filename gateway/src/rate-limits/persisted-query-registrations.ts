import { Buffer } from 'node:buffer';
import type Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimitConfig } from './rate-limit-config';

/**
 * Who may add to the shared persisted-query cache: documents up to `maxQueryBytes`, and
 * `registrationsPerHour` new registrations per client address (a fixed window in Redis). A refused
 * registration is not an error: the query runs, and the client keeps sending it in full.
 */
export class PersistedQueryRegistrations {
  private readonly perClient: RateLimiterRedis | null;

  constructor(
    redis: Redis,
    private readonly limits: RateLimitConfig['persistedQueries'],
    keyPrefix: string,
  ) {
    this.perClient =
      limits.registrationsPerHour > 0
        ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keyPrefix}apq-registrations`, points: limits.registrationsPerHour, duration: 3600 })
        : null;
  }

  async mayRegister(address: string, query: string): Promise<boolean> {
    if (!this.perClient || Buffer.byteLength(query, 'utf8') > this.limits.maxQueryBytes) return false;
    try {
      await this.perClient.consume(address, 1);
      return true;
    } catch {
      // over the limit, or Redis unreachable: the query runs unregistered either way
      return false;
    }
  }
}
