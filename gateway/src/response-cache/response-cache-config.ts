import type { EnvReader } from '@ultramarket/kit';

/** The response cache for public reads (gateway/src/response-cache), as RESPONSE_CACHE_* set it. */
export interface ResponseCacheConfig {
  /** RESPONSE_CACHE_ENABLED: on unless `false`. */
  enabled: boolean;
  /** RESPONSE_CACHE_MAX_ENTRIES: responses kept in each gateway process (least recently used dropped first). */
  maxEntries: number;
  /** RESPONSE_CACHE_MAX_BYTES: bytes of response JSON kept in each gateway process. */
  maxBytes: number;
  /** RESPONSE_CACHE_MAX_ENTRY_BYTES: a larger response is not cached at all. */
  maxEntryBytes: number;
  /** RESPONSE_CACHE_DEFAULT_MAX_AGE: seconds, for a cache hint that names no maxAge. */
  defaultMaxAgeSeconds: number;
}

export function readResponseCacheConfig(read: EnvReader): ResponseCacheConfig {
  return {
    enabled: read.bool('RESPONSE_CACHE_ENABLED', true),
    maxEntries: read.int('RESPONSE_CACHE_MAX_ENTRIES', 10_000, { min: 1, max: 10_000_000 }),
    maxBytes: read.int('RESPONSE_CACHE_MAX_BYTES', 64 * 1024 * 1024, { min: 1024 }),
    maxEntryBytes: read.int('RESPONSE_CACHE_MAX_ENTRY_BYTES', 256 * 1024, { min: 64 }),
    defaultMaxAgeSeconds: read.int('RESPONSE_CACHE_DEFAULT_MAX_AGE', 60, { min: 1, max: 24 * 60 * 60 }),
  };
}
