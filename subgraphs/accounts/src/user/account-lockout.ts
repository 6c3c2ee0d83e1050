import type { EntityManager } from 'typeorm';
import { AccountsPolicy } from '../accounts.policy';
import { returningRows } from '../shared/sql';

/**
 * One more failed password or code in a row; the fifth locks the account for 15 minutes (in the
 * database, so every replica agrees) and starts the count again. One statement: concurrent failures all count.
 */
export async function recordFailedAttempt(manager: EntityManager, userId: string): Promise<void> {
  await returningRows(
    manager,
    `UPDATE app_user SET
        failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
        locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
      WHERE id = $1
      RETURNING locked_until`,
    [userId, AccountsPolicy.maxFailedLogins, AccountsPolicy.lockoutSeconds],
  );
}
