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
/** `storeId` is null for account emails, which belong to no store. */
export async function enqueueEmail(tx: Tx, cause: EventEnvelope, storeId: string | null, recipient: string, email: RenderedEmail): Promise<void> {
  await tx.manager.query(
    `INSERT INTO email_outbox (store_id, event_id, kind, recipient, subject, text_body) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (event_id, kind) DO NOTHING`,
    [storeId, cause.id, email.kind, recipient, email.subject, email.text],
  );
}
