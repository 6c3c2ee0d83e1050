import type { EventEnvelope, Tx } from '@ultramarket/kit';
import { categoryOf, defaultSources, PLATFORM_CONTEXT, renderMessage, type EmailMessage } from '../templates/email-template-keys';
import { DEFAULT_FORMAT } from '../templates/template-format';
import { loadStoreProfile } from '../templates/store-profile';
import { loadStoreTemplate } from '../templates/store-templates';
import { isOptional, NotificationCategory } from '../preferences/notification-category';
import { emailWanted } from '../preferences/email-opt-outs';
import type { UnsubscribeLinks } from '../preferences/unsubscribe-token';

/** Where an email stands in `email_outbox`. */
export enum EmailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Given up: rejected for good by the SMTP server, or out of attempts. Kept for operators. */
  FAILED = 'FAILED',
}

/** Who an email goes to and what it is about, beyond its message. */
export interface EmailEnvelope {
  /** null for account emails, which belong to no store. */
  storeId: string | null;
  recipient: string;
  /** The order it is about (its limits count per order). */
  orderId?: string | null;
  /** The customer it is for, when known: their notification preferences apply. */
  customerId?: string | null;
  /** Mints the unsubscribe link marketing emails carry; without it they carry none. */
  unsubscribeLinks?: UnsubscribeLinks | null;
}

/**
 * Renders an email with the store's template for its key (or the default), in the store's locale and time zone, and
 * queues it in the handler's transaction; the dispatcher sends it once that has committed. One email of a kind per
 * event (`UNIQUE (event_id, kind)`), so nothing is ever queued twice. An email of a category the recipient turned off
 * (their preferences) or unsubscribed from (the address's opt-out) is not queued: returns false then.
 */
export async function enqueueEmail(tx: Tx, cause: EventEnvelope, envelope: EmailEnvelope, message: EmailMessage): Promise<boolean> {
  const { storeId, recipient } = envelope;
  const category = categoryOf(message.kind);
  if (storeId && isOptional(category) && !(await emailWanted(tx.manager, storeId, recipient, envelope.customerId ?? null, category))) return false;
  const [profile, template] = storeId
    ? await Promise.all([loadStoreProfile(tx.manager, storeId), loadStoreTemplate(tx.manager, storeId, message.kind)])
    : [null, null];
  const unsubscribeUrl =
    storeId && category === NotificationCategory.MARKETING && envelope.unsubscribeLinks
      ? envelope.unsubscribeLinks.linkFor({ storeId, address: recipient, category })
      : null;
  const email = renderMessage(
    message,
    { storeName: profile?.name ?? PLATFORM_CONTEXT.storeName, unsubscribeUrl },
    profile?.format ?? DEFAULT_FORMAT,
    template ?? defaultSources(message.kind),
  );
  await tx.manager.query(
    `INSERT INTO email_outbox (store_id, event_id, kind, recipient, subject, text_body, html_body, unsubscribe_url, order_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (event_id, kind) DO NOTHING`,
    [storeId, cause.id, email.kind, recipient, email.subject, email.text, email.html, unsubscribeUrl, envelope.orderId ?? null],
  );
  return true;
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
