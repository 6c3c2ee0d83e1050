import { In } from 'typeorm';
import { byKeys, byCreatedAt, keysetPage, pageSize, storefrontVisible, isUuid, type Connection, type SubgraphContext } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { storesOfCaller, worksIn } from '../staff/store-membership';
import { Store } from './store.entity';
import type { StoresFilter } from './store.inputs';

/**
 * Stores by id, batched per request, through the Redis cache. The `store` table is the platform's
 * directory of tenants (no row-level security): every query here names the store it wants.
 */
export function loadStore(context: SubgraphContext, services: StoresServices, id: string): Promise<Store | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return context.loaders
    .get<string, Store | null>('storeById', async (ids) => {
      const cached = await services.cache.getMany(ids);
      const missing = ids.filter((_id, index) => cached[index] === null);
      const rows = missing.length > 0 ? await context.db.getRepository(Store).findBy({ id: In(missing) }) : [];
      await services.cache.put(rows);
      const fromDatabase = byKeys(missing, rows, (row) => row.id);
      return ids.map((storeId, index) => cached[index] ?? fromDatabase[missing.indexOf(storeId)]);
    })
    .load(id.toLowerCase());
}

/** A suspended or closed store is gone for shoppers; its staff and platform admins still see it. */
export async function findVisibleStore(context: SubgraphContext, services: StoresServices, id: string): Promise<Store | null> {
  const store = await loadStore(context, services, id);
  if (!store) return null;
  if (storefrontVisible(store.status) || (await worksIn(context, store.id))) return store;
  return null;
}

export async function findStoreBySlug(context: SubgraphContext, services: StoresServices, slug: string): Promise<Store | null> {
  const key = slug.trim().toLowerCase();
  let id = await services.cache.idFor('slug', key);
  if (!id) {
    const rows: { id: string }[] = await context.db.query(`SELECT id FROM store WHERE slug = $1`, [key]);
    if (rows.length === 0) return null;
    id = rows[0].id;
    await services.cache.rememberId('slug', key, id);
  }
  return findVisibleStore(context, services, id);
}

/** The store a host name serves: its platform domain or its custom domain once verified, case-insensitive. */
export async function findStoreByDomain(context: SubgraphContext, services: StoresServices, domain: string): Promise<Store | null> {
  const key = domain.trim().toLowerCase().replace(/\.$/, '');
  let id = await services.cache.idFor('domain', key);
  if (!id) {
    const rows: { id: string }[] = await context.db.query(
      `SELECT id FROM store WHERE lower(domain) = $1 OR (lower(custom_domain) = $1 AND custom_domain_verified_at IS NOT NULL) LIMIT 1`,
      [key],
    );
    if (rows.length === 0) return null;
    id = rows[0].id;
    await services.cache.rememberId('domain', key, id);
  }
  return findVisibleStore(context, services, id);
}

/** The stores the caller works in, whatever their status, oldest membership first. */
export async function myStores(context: SubgraphContext, services: StoresServices): Promise<Store[]> {
  const ids = await storesOfCaller(context);
  const stores = await Promise.all(ids.map((id) => loadStore(context, services, id)));
  return stores.filter((store): store is Store => store !== null);
}

/** Every store, newest first (platform admins). */
export async function listStores(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; filter?: StoresFilter | null },
  countTotal: boolean,
): Promise<Connection<Store>> {
  const limit = pageSize(args.first);
  const query = context.db.getRepository(Store).createQueryBuilder('s');
  if (args.filter?.status) query.andWhere('s.status = :status', { status: args.filter.status });
  if (args.filter?.search) {
    const search = `%${args.filter.search.replace(/[\\%_]/g, '\\$&')}%`;
    query.andWhere('(s.name ILIKE :search OR s.slug ILIKE :search OR s.domain ILIKE :search OR s.custom_domain ILIKE :search)', { search });
  }
  return keysetPage(query, { sort: byCreatedAt<Store>('s'), descending: true, limit, after: args.after, countTotal });
}
