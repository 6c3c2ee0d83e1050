import type Redis from 'ioredis';
import type { ApolloServerPlugin } from '@apollo/server';
import type { EventSource, Logger } from '@ultramarket/kit';
import type { GatewayContext } from '../gateway-context';
import { STOREFRONT_CACHE_HINTS } from './cache-hints';
import { followCacheInvalidations } from './cache-invalidation';
import { LocalResponseCache } from './local-response-cache';
import { OperationCachePolicies } from './operation-cache-policy';
import type { ResponseCacheConfig } from './response-cache-config';
import { responseCachePlugin } from './response-cache.plugin';
import { ResponseCache } from './response-cache';
import { RedisResponseCache } from './redis-response-cache';

export interface GatewayResponseCache {
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Starts serving once the invalidation feeds listen (they need NATS, which the gateway connects after Apollo starts). */
  follow(source: EventSource): Promise<void>;
  stop(): Promise<void>;
}

/** The response cache as the gateway runs it: `redis` is a connection of its own (its scripts are registered on it). */
export function createResponseCache(config: ResponseCacheConfig, redis: Redis, keyPrefix: string, logger: Logger): GatewayResponseCache {
  const local = new LocalResponseCache({ maxEntries: config.maxEntries, maxBytes: config.maxBytes });
  const cache = new ResponseCache(local, new RedisResponseCache(redis, keyPrefix), config.maxEntryBytes, logger);
  let invalidations: { stop(): Promise<void> } | null = null;
  return {
    plugin: responseCachePlugin(cache, new OperationCachePolicies(STOREFRONT_CACHE_HINTS, config.defaultMaxAgeSeconds)),
    follow: async (source) => {
      invalidations = await followCacheInvalidations(source, cache);
    },
    stop: async () => {
      await invalidations?.stop();
      await redis.quit().catch(() => undefined);
    },
  };
}
