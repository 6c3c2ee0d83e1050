import { resolveTxt } from 'node:dns/promises';
import type { Logger, SubgraphRuntime } from '@ultramarket/kit';
import { loadStoresConfig, type StoresConfig } from './stores.config';
import { StoreCache } from './store/store-cache';

/** A DNS TXT lookup as node:dns/promises `resolveTxt` answers it: each record as its strings (chunks of up to 255 characters). */
export type TxtResolver = (hostname: string) => Promise<string[][]>;

/** What a caller of createStoresSubgraph may replace (tests inject a fake DNS). */
export interface StoresOptions {
  resolveTxt?: TxtResolver;
}

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

  /** DNS TXT lookups for custom domain proofs: node:dns/promises `resolveTxt` unless injected. */
  readonly resolveTxt: TxtResolver;

  constructor(options: StoresOptions = {}) {
    this.resolveTxt = options.resolveTxt ?? resolveTxt;
  }

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
