import type { DataSource, EntityManager } from 'typeorm';
import { enterScope, inScope, PLATFORM_SCOPE, type Logger, type SubgraphRuntime } from '@ultramarket/kit';
import type { EmailConfig } from '../notifications.config';
import { EmailStatus } from './email-outbox';
import { EMAILS_WITH_LIVE_TOKENS, type EmailKind } from '../messages/email-templates';
import { isPermanentRejection, smtpTransport, type MailTransport } from './mail-transport';

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

interface DueEmail {
  id: string;
  /** null for account emails, which belong to no store. */
  store_id: string | null;
  kind: string;
  recipient: string;
  subject: string;
  /** null once removed: an account email's body (it holds a live token) is kept only until it is sent or given up. */
  text_body: string | null;
  /** The HTML alternative (null for emails queued before templates had one, and once removed like text_body). */
  html_body: string | null;
  unsubscribe_url: string | null;
  attempts: number;
}

/** An email that can never be sent as it stands (its body is gone): given up at once. */
class UnsendableEmailError extends Error {}

type Outcome = { sent: true; messageId: string } | { sent: false; error: unknown };

export type DispatcherOptions = Pick<EmailConfig, 'pollMs' | 'batchSize' | 'maxAttempts' | 'retryBaseMs'>;

/** Delay before the next attempt after `attempts` failed ones: base, 2×base, 4×base, … capped at an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempts - 1), MAX_RETRY_DELAY_MS);
}

/**
 * Sends what the event handlers queued in `email_outbox`, only ever after their transaction
 * committed. Each round locks a batch of due emails with FOR UPDATE SKIP LOCKED (replicas take
 * different rows), sends them, and records each outcome in the same transaction: SENT, a retry
 * with exponential backoff, or FAILED once rejected for good or out of attempts.
 *
 * Due emails are found across stores (the transaction starts platform-wide); each outcome is then
 * recorded with the transaction switched to that email's store (`app.store_id`), so row-level
 * security confines each row's update to its own store. The locks taken platform-wide stay held
 * until the transaction ends, which is what lets replicas share the outbox.
 */
export class EmailDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private current: Promise<void> = Promise.resolve();
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Lets the round in progress finish, then closes the SMTP connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    this.transport.close();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.drain().finally(() => {
        // after failed rounds back off, as the outbox relay does
        this.schedule(this.failures === 0 ? this.options.pollMs : Math.min(this.options.pollMs * 2 ** this.failures, 30_000));
      });
    }, delayMs);
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped) {
        const handled = await this.sendBatch();
        if (handled < this.options.batchSize) break;
      }
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1 || this.failures % 10 === 0) {
        this.logger.warn({ err: error, failures: this.failures }, 'email dispatcher round failed (database unreachable?); will retry');
      }
    }
  }

  /** One round; returns how many emails it handled. */
  private async sendBatch(): Promise<number> {
    return inScope(this.dataSource, PLATFORM_SCOPE, async (manager) => {
      const due: DueEmail[] = await manager.query(
        `SELECT id, store_id, kind, recipient, subject, text_body, html_body, unsubscribe_url, attempts FROM email_outbox
          WHERE status = 'PENDING' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      const outcomes = await Promise.all(due.map((email) => this.send(email)));
      for (const [index, email] of due.entries()) await this.record(manager, email, outcomes[index]);
      return due.length;
    });
  }

  private async send(email: DueEmail): Promise<Outcome> {
    // an account email set back to PENDING after its body was removed: nothing left to send
    if (email.text_body === null) return { sent: false, error: new UnsendableEmailError('the body was removed after the email was sent or given up') };
    try {
      const { messageId } = await this.transport.send({
        id: email.id,
        to: email.recipient,
        subject: email.subject,
        text: email.text_body,
        html: email.html_body,
        unsubscribeUrl: email.unsubscribe_url,
      });
      return { sent: true, messageId };
    } catch (error) {
      return { sent: false, error };
    }
  }

  private async record(manager: EntityManager, email: DueEmail, outcome: Outcome): Promise<void> {
    // account emails belong to no store: only a platform-wide transaction may touch them
    await enterScope(manager, email.store_id ?? PLATFORM_SCOPE);
    const attempts = email.attempts + 1;
    // an account or abandoned-cart email's body carries a live single-use token: once sent or given up the outbox has no use for it
    const keptBody = email.store_id === null || EMAILS_WITH_LIVE_TOKENS.includes(email.kind as EmailKind) ? null : email.text_body;
    if (outcome.sent) {
      await manager.query(
        `UPDATE email_outbox SET status = $2, attempts = $3, sent_at = now(), smtp_message_id = $4, last_error = NULL, text_body = $5, html_body = CASE WHEN $5::text IS NULL THEN NULL ELSE html_body END WHERE id = $1`,
        [email.id, EmailStatus.SENT, attempts, outcome.messageId, keptBody],
      );
      this.logger.debug({ emailId: email.id, attempts }, 'email sent');
      return;
    }
    const reason = String((outcome.error as Error)?.message ?? outcome.error).slice(0, 1000);
    if (isPermanentRejection(outcome.error) || outcome.error instanceof UnsendableEmailError || attempts >= this.options.maxAttempts) {
      await manager.query(
        `UPDATE email_outbox SET status = $2, attempts = $3, last_error = $4, text_body = $5, html_body = CASE WHEN $5::text IS NULL THEN NULL ELSE html_body END WHERE id = $1`,
        [email.id, EmailStatus.FAILED, attempts, reason, keptBody],
      );
      this.logger.error({ emailId: email.id, attempts, reason }, 'email given up');
      return;
    }
    const delayMs = retryDelayMs(attempts, this.options.retryBaseMs);
    await manager.query(`UPDATE email_outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond' WHERE id = $1`, [
      email.id,
      attempts,
      reason,
      delayMs,
    ]);
    this.logger.warn({ emailId: email.id, attempts, delayMs, reason }, 'email not sent; will retry');
  }
}

/** The background job (SubgraphDefinition.jobs) that runs an email dispatcher for the process's life. */
export function emailDispatcherJob(config: EmailConfig, transport: (config: EmailConfig) => MailTransport = smtpTransport) {
  return (runtime: SubgraphRuntime): (() => Promise<void>) => {
    const dispatcher = new EmailDispatcher(runtime.dataSource, transport(config), runtime.logger.child({ component: 'email-dispatcher' }), config);
    dispatcher.start();
    return () => dispatcher.stop();
  };
}
