import { isUuid, PermanentEventError, type EventHandler, type Tx } from '@ultramarket/kit';
import { lockStoreSegments } from '../segment/segment-membership';
import { Customer } from './customer.entity';
import { CustomerEvents } from './customer.events';
import { emitCustomerEvent } from './customer-commands';

/** What customers reads of accounts.email-verified: a user proved they own an email (an event of no store). */
interface EmailVerifiedData {
  userId: string;
  email: string;
}

/** Advisory lock class of a user's links (segments use 8008). */
const USER_LINK_LOCK_CLASS = 8009;

/**
 * Serializes everything that may link one user: an order and the user's verification arriving at
 * once would otherwise each miss what the other has not committed yet. Taken before any other lock.
 */
export async function lockUserLinks(tx: Tx, userId: string): Promise<void> {
  await tx.manager.query(`SELECT pg_advisory_xact_lock(${USER_LINK_LOCK_CLASS}, hashtext($1))`, [userId]);
}

/** Whether `email` is the email `userId` proved they own (case ignored). */
export async function isVerifiedEmailOf(tx: Tx, userId: string, email: string): Promise<boolean> {
  const rows: unknown[] = await tx.manager.query(`SELECT 1 FROM verified_user_email WHERE user_id = $1 AND lower(email) = lower($2)`, [userId, email]);
  return rows.length > 0;
}

/** Whether a customer of the store other than this one is linked to the user already (one link per user and store). */
export async function linkedElsewhere(tx: Tx, storeId: string, userId: string): Promise<boolean> {
  const rows: unknown[] = await tx.manager.query(`SELECT 1 FROM customer WHERE store_id = $1 AND user_id = $2`, [storeId, userId]);
  return rows.length > 0;
}

/**
 * accounts.email-verified: remembers the user's verified email and links them to every store's
 * customer with that email that has no account yet (an order placed before the verification).
 * This is the only way a user becomes linked besides an order placed with their verified email:
 * an order's email is whatever the shopper typed, and anyone can type someone else's.
 */
export const linkOnEmailVerified: EventHandler<EmailVerifiedData> = {
  name: 'customers-email-verified',
  eventType: 'accounts.email-verified',
  async handle(event, tx) {
    const { userId } = event.data;
    const email = typeof event.data.email === 'string' ? event.data.email.trim() : '';
    if (!isUuid(userId) || email === '' || email.length > 320) throw new PermanentEventError(`accounts.email-verified ${event.id} lacks a user id or email`);
    await lockUserLinks(tx, userId);
    await tx.manager.query(
      `INSERT INTO verified_user_email (user_id, email, verified_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, verified_at = EXCLUDED.verified_at
       WHERE verified_user_email.verified_at <= EXCLUDED.verified_at`,
      [userId, email, event.occurredAt],
    );
    // an event of no store: the runner opened the platform scope, so this sees every store's customers
    const candidates: { id: string; store_id: string }[] = await tx.manager.query(
      `SELECT id, store_id FROM customer WHERE lower(email) = lower($1) AND user_id IS NULL ORDER BY store_id, id`,
      [email],
    );
    for (const candidate of candidates) {
      // the lock order every customer change takes: the store's segments, then the customer row
      await lockStoreSegments(tx.manager, candidate.store_id, false);
      const customer = await tx.manager
        .getRepository(Customer)
        .findOne({ where: { id: candidate.id, storeId: candidate.store_id }, lock: { mode: 'pessimistic_write' } });
      if (!customer || customer.userId || (await linkedElsewhere(tx, customer.storeId, userId))) continue;
      customer.userId = userId;
      await emitCustomerEvent(tx, CustomerEvents.updated, await tx.manager.getRepository(Customer).save(customer));
    }
  },
};
