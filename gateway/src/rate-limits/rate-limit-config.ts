import type { EnvReader } from '@ultramarket/kit';

/** A leaky bucket of query-cost points (Shopify's Admin API model): it holds `capacity`, drains `restoreRate` a second. */
export interface BucketConfig {
  capacity: number;
  restoreRate: number;
}

export interface RateLimitConfig {
  /** Signed-in callers: one bucket per user, shared by every gateway replica (Redis). */
  user: BucketConfig;
  /**
   * Anonymous callers: one bucket per client address (GATEWAY_TRUSTED_PROXIES decides whose). A
   * bucket should hold the largest operation allowed (MAX_QUERY_COST): a larger one takes a full bucket.
   */
  anonymous: BucketConfig;
  /** Apps: one bucket per API key (RATE_LIMIT_API_KEY_*), so one integration cannot spend a store's people's budget or another key's. */
  apiKey: BucketConfig;
  /** Automatic persisted queries: what one client may register, so the shared cache cannot be flooded. */
  persistedQueries: { maxQueryBytes: number; registrationsPerHour: number; ttlSeconds: number };
}

/**
 * Outside production the buckets are 20 times larger (local development, `npm run seed` and the
 * end-to-end suites drive the API far faster than a person); every limit can be set explicitly.
 */
export function readRateLimitConfig(read: EnvReader, isProduction: boolean): RateLimitConfig {
  const scale = isProduction ? 1 : 20;
  return {
    user: {
      capacity: read.int('RATE_LIMIT_USER_BUCKET', 1000 * scale, { min: 1 }),
      restoreRate: read.int('RATE_LIMIT_USER_RESTORE_RATE', 50 * scale, { min: 1 }),
    },
    anonymous: {
      capacity: read.int('RATE_LIMIT_ANONYMOUS_BUCKET', 1000 * scale, { min: 1 }),
      restoreRate: read.int('RATE_LIMIT_ANONYMOUS_RESTORE_RATE', 20 * scale, { min: 1 }),
    },
    apiKey: {
      capacity: read.int('RATE_LIMIT_API_KEY_BUCKET', 1000 * scale, { min: 1 }),
      restoreRate: read.int('RATE_LIMIT_API_KEY_RESTORE_RATE', 50 * scale, { min: 1 }),
    },
    persistedQueries: {
      maxQueryBytes: read.int('APQ_MAX_QUERY_BYTES', 32 * 1024, { min: 1 }),
      registrationsPerHour: read.int('APQ_REGISTRATIONS_PER_HOUR', 300, { min: 0 }),
      ttlSeconds: read.int('APQ_TTL_SECONDS', 24 * 60 * 60, { min: 1 }),
    },
  };
}
