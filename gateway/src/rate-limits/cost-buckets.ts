import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { BucketConfig } from './rate-limit-config';

/**
 * rate-limiter-flexible counts in fixed windows; this script, given to it as its increment, makes
 * each key a leaky bucket instead (Shopify's model): the level drains `capacity / duration` points a
 * second since its last change, and a charge that would overflow is refused WITHOUT being added, its
 * reply saying how long until it would fit. Redis's clock is the one clock of every replica.
 * KEYS[1] the bucket; ARGV[1] the cost; ARGV[3] the capacity (`points`); ARGV[4] `duration`.
 */
const LEAKY_BUCKET_SCRIPT = `
local cost = tonumber(ARGV[1])
local capacity = tonumber(ARGV[3])
local rate = capacity / tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(state[1]) or 0
local at = tonumber(state[2]) or now
level = math.max(0, level - math.max(0, now - at) * rate / 1000)
if level + cost > capacity then
  return {math.ceil(level + cost), math.ceil((level + cost - capacity) * 1000 / rate)}
end
level = level + cost
local drainMs = math.max(1, math.ceil(level * 1000 / rate))
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', now)
redis.call('PEXPIRE', KEYS[1], drainMs)
return {math.ceil(level), drainMs}
`;

/** Shopify's `extensions.cost.throttleStatus`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface Charge {
  allowed: boolean;
  status: ThrottleStatus;
  /** When refused: whole seconds until the charge would fit. */
  retryAfterSeconds: number;
}

/** `apiKey`: an app's requests, one bucket per API key (its own budget, apart from people's). */
export type BucketTier = 'user' | 'anonymous' | 'apiKey';

/**
 * Query-cost budgets in Redis, one leaky bucket per key, shared by every gateway replica. The
 * script is registered on the Redis connection it is given (rate-limiter-flexible defines it as a
 * command of that client), so that connection must serve no other rate limiter. While Redis cannot
 * be reached each replica falls back to a fixed window of the same size in its own memory.
 */
export class CostBuckets {
  private readonly limiters: Record<BucketTier, RateLimiterRedis>;

  constructor(
    redis: Redis,
    private readonly tiers: Record<BucketTier, BucketConfig>,
    keyPrefix: string,
  ) {
    const limiter = (tier: BucketTier) => {
      const { capacity, restoreRate } = tiers[tier];
      const duration = capacity / restoreRate;
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${keyPrefix}${tier}`,
        points: capacity,
        duration,
        customIncrTtlLuaScript: LEAKY_BUCKET_SCRIPT,
        insuranceLimiter: new RateLimiterMemory({ points: capacity, duration: Math.max(1, Math.ceil(duration)) }),
      });
    };
    this.limiters = { user: limiter('user'), anonymous: limiter('anonymous'), apiKey: limiter('apiKey') };
  }

  capacityOf(tier: BucketTier): number {
    return this.tiers[tier].capacity;
  }

  /** Takes `cost` points from the bucket `key` of `tier` if they fit (0 reads the level). */
  async charge(tier: BucketTier, key: string, cost: number): Promise<Charge> {
    const { capacity, restoreRate } = this.tiers[tier];
    const points = Math.max(0, Math.ceil(cost));
    const status = (level: number): ThrottleStatus => ({
      maximumAvailable: capacity,
      currentlyAvailable: Math.max(0, capacity - level),
      restoreRate,
    });
    try {
      const result = await this.limiters[tier].consume(key, points);
      return { allowed: true, status: status(result.consumedPoints), retryAfterSeconds: 0 };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // the refused charge was not added: the level is what the reply counts less this charge
      return {
        allowed: false,
        status: status(refusal.consumedPoints - points),
        retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      };
    }
  }
}
