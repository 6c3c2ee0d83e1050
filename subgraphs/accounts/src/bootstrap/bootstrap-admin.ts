import { randomUUID } from 'node:crypto';
import { PLATFORM_SCOPE, Role, type SubgraphRuntime } from '@ultramarket/kit';
import type { AccountsServices } from '../accounts-services';
import { hashPassword } from '../password/password-hasher';
import { UserEvents, type EmailVerifiedData } from '../user/user.events';

/**
 * With ACCOUNTS_BOOTSTRAP_ADMIN_EMAIL and _PASSWORD set, makes sure a verified PLATFORM_ADMIN with
 * that email exists, so a fresh install has someone who can assign roles. An existing account with
 * the email is left as it is (its password is not reset); replicas starting together create one.
 */
export async function ensureBootstrapAdmin(runtime: SubgraphRuntime, services: AccountsServices): Promise<void> {
  const admin = services.config.bootstrapAdmin;
  if (!admin) return;
  const existing: { id: string }[] = await runtime.dataSource.query(`SELECT id FROM app_user WHERE lower(email) = lower($1)`, [admin.email]);
  if (existing.length > 0) return;
  const passwordHash = await hashPassword(admin.password);
  // created verified, so accounts.email-verified goes out with it, in the same transaction
  const created = await runtime.unitOfWork.forScope(PLATFORM_SCOPE).run({ correlationId: randomUUID(), causationId: null }, async (tx) => {
    const rows: { id: string; email: string }[] = await tx.manager.query(
      `INSERT INTO app_user (email, password_hash, first_name, last_name, roles, is_verified)
       VALUES ($1, $2, 'Platform', 'Admin', $3, true)
       ON CONFLICT DO NOTHING
       RETURNING id, email`,
      [admin.email, passwordHash, [Role.PLATFORM_ADMIN]],
    );
    for (const row of rows) {
      await tx.emit<EmailVerifiedData>({ type: UserEvents.emailVerified, storeId: null, aggregateId: row.id, data: { userId: row.id, email: row.email } });
    }
    return rows;
  });
  if (created.length > 0) runtime.logger.info({ userId: created[0].id }, 'bootstrap platform admin created');
}

/** A kit job: runs once at start, in the background; the subgraph serves meanwhile. */
export function bootstrapAdminJob(services: AccountsServices) {
  return (runtime: SubgraphRuntime): (() => Promise<void>) => {
    const done = ensureBootstrapAdmin(runtime, services).catch((error: Error) => runtime.logger.error({ err: error }, 'bootstrap admin not created'));
    return () => done;
  };
}
