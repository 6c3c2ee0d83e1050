import type { Logger, SubgraphRuntime } from '@ultramarket/kit';
import { loadStoresConfig, type StoresConfig } from './stores.config';
import { StoreCache } from './store/store-cache';

interface Bound {
  config: StoresConfig;
  cache: StoreCache;
  logger: Logger;
}

/**
 * What the stores use cases need beyond the request context: configuration and the Redis cache of
 * store reads. Resolvers close over one instance, bound to the running subgraph by `onStart`.
 */
export class StoresServices {
  private bound: Bound | null = null;

  readonly bind = (runtime: SubgraphRuntime): (() => Promise<void>) => {
    const config = loadStoresConfig(runtime.env);
    this.bound = {
      config,
      cache: new StoreCache(runtime.redis, config.cacheTtlSeconds, runtime.logger, runtime.config.eventNamespace),
      logger: runtime.logger,
    };
    return async () => {
      this.bound = null;
    };
  };

  private get current(): Bound {
    if (!this.bound) throw new Error('stores services used before the subgraph started');
    return this.bound;
  }

  get config(): StoresConfig {
    return this.current.config;
  }

  get cache(): StoreCache {
    return this.current.cache;
  }
}
