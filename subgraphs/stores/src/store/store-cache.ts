import type Redis from 'ioredis';
import type { Logger } from '@ultramarket/kit';
import { Store } from './store.entity';

/**
 * Redis keys of the cache: a store by id, and slug / host name → store id. An EVENT_NAMESPACE (test
 * suites, side-by-side installs) goes into the keys, so installs sharing a Redis never see each other's stores.
 */
export function storeCacheKeys(namespace = '') {
  const prefix = `ultramarket:store:${namespace ? `${namespace}:` : ''}`;
  return {
    byId: (id: string) => `${prefix}id:${id}`,
    bySlug: (slug: string) => `${prefix}slug:${slug.toLowerCase()}`,
    byDomain: (domain: string) => `${prefix}domain:${domain.toLowerCase()}`,
  };
}

type Lookup = 'slug' | 'domain';

/**
 * Store reads cached in Redis for an hour (every storefront request resolves its store, most by host
 * name). Misses are not cached. A change deletes every key of the store as it was and as it is,
 * after its transaction commits, so the next read comes from the database. A Redis failure on a
 * read falls back to the database; one on invalidation is logged (the entries expire within the TTL).
 */
export class StoreCache {
  private readonly keys: ReturnType<typeof storeCacheKeys>;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    private readonly logger: Logger,
    namespace = '',
  ) {
    this.keys = storeCacheKeys(namespace);
  }

  async getMany(ids: readonly string[]): Promise<(Store | null)[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(...ids.map(this.keys.byId)).catch((error) => {
      this.logger.warn({ err: error }, 'store cache read failed; reading the database');
      return ids.map(() => null);
    });
    return values.map((value) => (value === null ? null : revive(value)));
  }

  async put(stores: Store[]): Promise<void> {
    if (stores.length === 0) return;
    const pipeline = this.redis.multi();
    for (const store of stores) pipeline.set(this.keys.byId(store.id), JSON.stringify(store), 'EX', this.ttlSeconds);
    await pipeline.exec().catch((error) => this.logger.warn({ err: error }, 'store cache write failed'));
  }

  async idFor(lookup: Lookup, value: string): Promise<string | null> {
    const key = lookup === 'slug' ? this.keys.bySlug(value) : this.keys.byDomain(value);
    return this.redis.get(key).catch(() => null);
  }

  async rememberId(lookup: Lookup, value: string, id: string): Promise<void> {
    const key = lookup === 'slug' ? this.keys.bySlug(value) : this.keys.byDomain(value);
    await this.redis.set(key, id, 'EX', this.ttlSeconds).catch((error) => this.logger.warn({ err: error }, 'store cache write failed'));
  }

  /** Deletes every key of these versions of stores (before and after a change). */
  async invalidate(...versions: (Store | null)[]): Promise<void> {
    const keys = new Set<string>();
    for (const store of versions) {
      if (!store) continue;
      keys.add(this.keys.byId(store.id));
      keys.add(this.keys.bySlug(store.slug));
      keys.add(this.keys.byDomain(store.domain));
      if (store.customDomain) keys.add(this.keys.byDomain(store.customDomain));
    }
    if (keys.size === 0) return;
    try {
      await this.redis.del(...keys);
    } catch (error) {
      this.logger.error({ err: error, keys: [...keys] }, 'store cache invalidation failed; stale entries expire with their TTL');
    }
  }
}

function revive(json: string): Store {
  const value = JSON.parse(json) as Store & { createdAt: string; updatedAt: string; customDomainVerifiedAt?: string | null };
  return Object.assign(new Store(), value, {
    createdAt: new Date(value.createdAt),
    updatedAt: new Date(value.updatedAt),
    customDomainVerifiedAt: value.customDomainVerifiedAt ? new Date(value.customDomainVerifiedAt) : null,
  });
}
