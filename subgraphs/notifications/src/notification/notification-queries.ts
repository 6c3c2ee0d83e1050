import { In, type SelectQueryBuilder } from 'typeorm';
import {
  badUserInput,
  byKeys,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  unauthenticated,
  type Connection,
  type SubgraphContext,
} from '@ultramarket/kit';
import { Notification } from './notification.entity';
import { canSeeNotification, UNREAD_SQL, VISIBLE_SQL, visibilityParameters } from './notification-visibility';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The caller's user id; resolvers are `@Authorized()`, so a missing one is a bug worth a clear error. */
export function signedInUser(context: SubgraphContext): string {
  if (context.caller.userId === null) throw unauthenticated();
  return context.caller.userId;
}

/** Notifications by id, batched per request; used by `notification(id)` and federation references. */
export function loadNotification(context: SubgraphContext, id: string): Promise<Notification | null> {
  return context.loaders
    .get<string, Notification | null>('notificationById', async (ids) =>
      byKeys(ids, await context.db.getRepository(Notification).findBy({ id: In([...ids]) }), (row) => row.id),
    )
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
      const rows: { notification_id: string }[] = await context.db.query(
        `SELECT notification_id FROM notification_read_receipt WHERE user_id = $1 AND notification_id = ANY($2::uuid[])`,
        [userId, [...ids]],
      );
      const read = new Set(rows.map((row) => row.notification_id));
      return ids.map((id) => read.has(id));
    })
    .load(notificationId);
}

function visibleTo(context: SubgraphContext, unreadOnly: boolean): SelectQueryBuilder<Notification> {
  const query = context.db
    .getRepository(Notification)
    .createQueryBuilder('n')
    .where(VISIBLE_SQL, visibilityParameters({ ...context.caller, userId: signedInUser(context) }));
  if (unreadOnly) query.andWhere(UNREAD_SQL);
  return query;
}

function decodeNotificationCursor(after: string): { createdAt: string; id: string } {
  const [createdAt, id] = decodeCursor(after);
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) {
    throw badUserInput('after is not a valid cursor', [{ field: ['after'], message: 'is not a cursor returned by this API' }]);
  }
  return { createdAt, id };
}

/** The caller's notifications and, for staff, their store's store-wide ones: newest first, keyset-paged. */
export async function listNotifications(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
): Promise<Connection<Notification>> {
  const limit = pageSize(args.first);
  const cursor = args.after ? decodeNotificationCursor(args.after) : null;
  const query = visibleTo(context, Boolean(args.unreadOnly));
  const totalCount = await query.clone().getCount();
  if (cursor) {
    query.andWhere('(n.created_at, n.id) < (CAST(:cursorCreatedAt AS timestamptz), CAST(:cursorId AS uuid))', {
      cursorCreatedAt: cursor.createdAt,
      cursorId: cursor.id,
    });
  }
  const rows = await query
    .orderBy('n.created_at', 'DESC')
    .addOrderBy('n.id', 'DESC')
    .limit(limit + 1)
    .getMany();
  return toConnection(rows, limit, totalCount, cursor !== null, (row) => encodeCursor(row.createdAt.toISOString(), row.id));
}

/** How many notifications the caller can see and has not read. */
export function countUnreadNotifications(context: SubgraphContext): Promise<number> {
  return visibleTo(context, true).getCount();
}
