import { In, type EntityManager } from 'typeorm';
import { byKeys, byCreatedAt, keysetPage, isAuthenticated, pageSize, Role, STORE_ROLES, isUuid, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { emailKey } from '../shared/email';
import { isPersonOfCallersStore } from '../store-people/store-people';
import { User } from './user.entity';
import type { UsersFilter } from './user.inputs';

/** Users by id, batched per request; used by `me` and by federation references. */
export function loadUser(context: SubgraphContext, id: string): Promise<User | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return context.loaders
    .get<string, User | null>('userById', async (ids) => {
      const rows = await context.db.getRepository(User).findBy({ id: In([...ids]) });
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(id);
}

export function findUserByEmail(manager: EntityManager, email: string, lock = false): Promise<User | null> {
  const query = manager
    .getRepository(User)
    .createQueryBuilder('u')
    .where('lower(u.email) = :email', { email: emailKey(email) });
  if (lock) query.setLock('pessimistic_write');
  return query.getOne();
}

/**
 * Who may read a user through a reference (e.g. an order's customer): the user, platform admins, and
 * the staff of a store the user works in or has ordered from. Anyone else gets null, so ids reveal nothing.
 */
export async function findVisibleUser(context: SubgraphContext, id: string): Promise<User | null> {
  const { caller } = context;
  if (!isAuthenticated(caller) || !isUuid(id)) return null;
  if (caller.userId === id || caller.roles.includes(Role.PLATFORM_ADMIN)) return loadUser(context, id);
  const isStaff = STORE_ROLES.some((role) => caller.roles.includes(role));
  return isStaff && (await isPersonOfCallersStore(context, id)) ? loadUser(context, id) : null;
}

/** Platform admins' user list, newest first, keyset-paginated. */
export async function listUsers(
  context: SubgraphContext,
  args: { first?: number | null; after?: string | null; filter?: UsersFilter | null },
): Promise<Connection<User>> {
  const limit = pageSize(args.first);
  const query = context.db.getRepository(User).createQueryBuilder('u');
  if (args.filter?.email) query.andWhere(`lower(u.email) LIKE :email ESCAPE '\\'`, { email: `%${emailKey(args.filter.email).replace(/[\\%_]/g, '\\$&')}%` });
  if (args.filter?.role) query.andWhere(':role = ANY(u.roles)', { role: args.filter.role });
  return keysetPage(query, { sort: byCreatedAt<User>('u'), descending: true, limit, after: args.after, countTotal: true });
}
