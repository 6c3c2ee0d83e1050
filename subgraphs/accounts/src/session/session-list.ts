import { keysetPage, pageSize, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { Session } from './session.entity';
import { UserSession } from './user-session.type';

/**
 * The user's live sessions, most recently used first, as a Relay connection. A family's live row (not
 * replaced, not revoked, not expired: one per family) holds the last use: a refresh adds the row with
 * that request's address and user agent, so its `created_at` is the last use. The sign-in time is the
 * family's first row, read for the whole page in one statement.
 */
export async function listSessions(
  context: SubgraphContext,
  userId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<UserSession>> {
  const query = context.db
    .getRepository(Session)
    .createQueryBuilder('s')
    .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.replaced_by IS NULL AND s.expires_at > now()', { userId });
  const page = await keysetPage(query, {
    sort: { column: 's.created_at', type: 'timestamptz', valueOf: (row) => row.createdAt.toISOString() },
    descending: true,
    idColumn: 's.family_id',
    idOf: (row) => row.familyId,
    limit: pageSize(args.first),
    after: args.after,
    countTotal: true,
  });
  const signedInAt = await signInTimes(
    context,
    userId,
    page.nodes.map((row) => row.familyId),
  );
  const currentFamily = context.caller.tokenClaims?.sessionId ?? null;
  const view = (row: Session): UserSession =>
    Object.assign(new UserSession(), {
      id: row.familyId,
      userAgent: row.userAgent,
      ipAddress: row.ipAddress,
      createdAt: signedInAt.get(row.familyId) ?? row.createdAt,
      lastUsedAt: row.createdAt,
      expiresAt: row.expiresAt,
      current: row.familyId === currentFamily,
    });
  return { ...page, nodes: page.nodes.map(view), edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: view(edge.node) })) };
}

async function signInTimes(context: SubgraphContext, userId: string, familyIds: string[]): Promise<Map<string, Date>> {
  if (familyIds.length === 0) return new Map();
  const rows: { family_id: string; signed_in_at: Date }[] = await context.db.query(
    `SELECT family_id, min(created_at) AS signed_in_at FROM session WHERE user_id = $1 AND family_id = ANY($2::uuid[]) GROUP BY family_id`,
    [userId, familyIds],
  );
  return new Map(rows.map((row) => [row.family_id, new Date(row.signed_in_at)]));
}
