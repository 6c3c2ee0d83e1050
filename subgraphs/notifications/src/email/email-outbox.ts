import type { EventEnvelope, Tx } from '@ultramarket/kit';
import type { RenderedEmail } from '../messages/email-templates';

/** Where an email stands in `email_outbox`. */
export enum EmailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Given up: rejected for good by the SMTP server, or out of attempts. Kept for operators. */
  FAILED = 'FAILED',
}

/**
 * Queues an email in the handler's transaction; the dispatcher sends it once that has committed.
 * One email of a kind per event (`UNIQUE (event_id, kind)`), so nothing is ever queued twice.
 */
/** `storeId` is null for account emails, which belong to no store; `orderId` names the order an email is about (its limits count per order). */
export async function enqueueEmail(
  tx: Tx,
  cause: EventEnvelope,
  storeId: string | null,
  recipient: string,
  email: RenderedEmail,
  orderId: string | null = null,
): Promise<void> {
  await tx.manager.query(
    `INSERT INTO email_outbox (store_id, event_id, kind, recipient, subject, text_body, order_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (event_id, kind) DO NOTHING`,
    [storeId, cause.id, email.kind, recipient, email.subject, email.text, orderId],
  );
}

/** How many emails of `kind` about the order were queued in the last hour (of the transaction's store). */
export async function emailsAboutOrderInLastHour(tx: Tx, orderId: string, kind: string): Promise<number> {
  const [{ queued }]: { queued: number }[] = await tx.manager.query(
    `SELECT count(*)::int AS queued FROM email_outbox WHERE order_id = $1 AND kind = $2 AND created_at > now() - interval '1 hour'`,
    [orderId, kind],
  );
  return queued;
}

/** How many emails of `kind` the store queued in the last day (the transaction's store; its lock keeps the count exact). */
export async function storeEmailsInLastDay(tx: Tx, storeId: string, kind: string): Promise<number> {
  const [{ queued }]: { queued: number }[] = await tx.manager.query(
    `SELECT count(*)::int AS queued FROM email_outbox WHERE store_id = $1 AND kind = $2 AND created_at > now() - interval '1 day'`,
    [storeId, kind],
  );
  return queued;
}

/** How many emails of `kind` went to `recipient` (any case) in the last day, in the transaction's store (served by `email_outbox_recipient`). */
export async function recipientEmailsInLastDay(tx: Tx, recipient: string, kind: string): Promise<number> {
  const [{ queued }]: { queued: number }[] = await tx.manager.query(
    `SELECT count(*)::int AS queued FROM email_outbox WHERE lower(recipient) = lower($1) AND kind = $2 AND created_at > now() - interval '1 day'`,
    [recipient, kind],
  );
  return queued;
}
