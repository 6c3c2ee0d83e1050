import type { SubgraphContext, Tx } from '@ultramarket/kit';
import { App } from './app.entity';

/** The installed app with this id in the store, locked for the transaction (uninstalled, another store's: null). */
export function lockInstalledApp(tx: Tx, id: string, storeId: string): Promise<App | null> {
  return tx.manager
    .getRepository(App)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where('a.id = :id AND a.store_id = :storeId AND a.uninstalled_at IS NULL', { id, storeId })
    .getOne();
}

/** The store the caller manages apps of (a merchant's own, or the one a platform admin names). */
export function appStoreOf(context: SubgraphContext): string | null {
  return context.caller.storeId;
}
