import { isUuid, keysetPage, pageSize, toConnection, type Connection, type KeysetSort, type SubgraphContext } from '@ultramarket/kit';
import { App } from './app.entity';

const NEWEST: KeysetSort<App> = { column: 'a.created_at', type: 'timestamptz', valueOf: (app) => app.createdAt.toISOString() };

/** The store's installed apps, newest first; a request naming no store reads none. */
export function installedApps(context: SubgraphContext, page: { first?: number | null; after?: string | null }, countTotal: boolean): Promise<Connection<App>> {
  const limit = pageSize(page.first);
  const storeId = context.caller.storeId;
  if (!storeId) return Promise.resolve(toConnection<App>([], limit, 0, false, () => ''));
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(App).createQueryBuilder('a').where('a.store_id = :storeId AND a.uninstalled_at IS NULL', { storeId });
    return keysetPage(query, { sort: NEWEST, descending: true, limit, after: page.after, countTotal });
  });
}

/** One app of the store, installed or not; null for an unknown id or another store's app. */
export async function appById(context: SubgraphContext, id: string): Promise<App | null> {
  const storeId = context.caller.storeId;
  if (!storeId || !isUuid(id)) return null;
  return context.storeDb.read((manager) => manager.getRepository(App).findOne({ where: { id, storeId } }));
}
