import { isUuid, PermanentEventError, type EventHandler } from '@ultramarket/kit';

/** What stores reads of accounts.email-verified: a user proved they own an email (an event of no store). */
interface EmailVerifiedData {
  userId: string;
  email: string;
}

/**
 * accounts.email-verified: remembers the email each user proved they own (the latest verification
 * wins), so invitations sent to that email are shown to and accepted by that user only.
 */
export const rememberVerifiedEmail: EventHandler<EmailVerifiedData> = {
  name: 'stores-email-verified',
  eventType: 'accounts.email-verified',
  async handle(event, tx) {
    const { userId } = event.data;
    const email = typeof event.data.email === 'string' ? event.data.email.trim().toLowerCase() : '';
    if (!isUuid(userId) || email === '' || email.length > 320) throw new PermanentEventError(`accounts.email-verified ${event.id} lacks a user id or email`);
    await tx.manager.query(
      `INSERT INTO verified_user_email (user_id, email, verified_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, verified_at = EXCLUDED.verified_at
       WHERE verified_user_email.verified_at <= EXCLUDED.verified_at`,
      [userId, email, event.occurredAt],
    );
  },
};
