import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { byKeys, byCreatedAt, keysetPage, pageSize, unauthenticated, isUuid, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { Notification } from './notification.entity';
import { canSeeNotification, UNREAD_SQL, VISIBLE_SQL, visibilityParameters } from './notification-visibility';

/** The caller's user id; resolvers are `@Authorized()`, so a missing one is a bug worth a clear error. */
export function signedInUser(context: SubgraphContext): string {
  if (context.caller.userId === null) throw unauthenticated();
  return context.caller.userId;
}

/** The store condition a caller's reads add to row-level security: their store, or none for a platform admin without one. */
function inCallersStore(context: SubgraphContext): { storeId?: string } {
  return context.caller.storeId ? { storeId: context.caller.storeId } : {};
}

/**
 * Notifications by id, batched per request, read in the caller's store (a notification of another
 * store does not exist for them); used by `notification(id)` and federation references.
 */
export function loadNotification(context: SubgraphContext, id: string): Promise<Notification | null> {
  return context.loaders
    .get<string, Notification | null>('notificationById', async (ids) => {
      const rows = await context.storeDb.read((manager) => manager.getRepository(Notification).findBy({ id: In([...ids]), ...inCallersStore(context) }));
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

/** The notification if the caller may see it; null otherwise (never "forbidden": it does not exist for them). */
export async function findVisibleNotification(context: SubgraphContext, id: string): Promise<Notification | null> {
  if (!isUuid(id) || context.caller.userId === null) return null;
  const notification = await loadNotification(context, id);
  return notification && canSeeNotification(context.caller, notification) ? notification : null;
}

/** Whether the caller has read it, batched per request: a page of notifications costs one statement. */
export function isReadByCaller(context: SubgraphContext, notificationId: string): Promise<boolean> {
  const userId = context.caller.userId;
  if (userId === null) return Promise.resolve(false);
  return context.loaders
    .get<string, boolean>('notificationReadByCaller', async (ids) => {
      const rows: { notification_id: string }[] = await context.storeDb.read((manager) =>
        manager.query(`SELECT notification_id FROM notification_read_receipt WHERE user_id = $1 AND notification_id = ANY($2::uuid[])`, [userId, [...ids]]),
      );
      const read = new Set(rows.map((row) => row.notification_id));
      return ids.map((id) => read.has(id));
    })
    .load(notificationId);
}

/** What the caller may see of the notifications of the store they are in (all stores for a platform admin without one). */
function visibleTo(context: SubgraphContext, manager: EntityManager, unreadOnly: boolean): SelectQueryBuilder<Notification> {
  const query = manager
    .getRepository(Notification)
    .createQueryBuilder('n')
    .where(VISIBLE_SQL, visibilityParameters({ ...context.caller, userId: signedInUser(context) }));
  if (context.caller.storeId) query.andWhere('n.store_id = :storeId', { storeId: context.caller.storeId });
  if (unreadOnly) query.andWhere(UNREAD_SQL);
  return query;
}

/** The caller's notifications and, for staff, their store's store-wide ones: newest first, keyset-paged. */
export async function listNotifications(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
): Promise<Connection<Notification>> {
  const limit = pageSize(args.first);
  return context.storeDb.read(async (manager) => {
    const query = visibleTo(context, manager, Boolean(args.unreadOnly));
    return keysetPage(query, { sort: byCreatedAt<Notification>('n'), descending: true, limit, after: args.after, countTotal: true });
  });
}

/** How many notifications the caller can see (in the store they are in) and has not read. */
export function countUnreadNotifications(context: SubgraphContext): Promise<number> {
  return context.storeDb.read((manager) => visibleTo(context, manager, true).getCount());
}
