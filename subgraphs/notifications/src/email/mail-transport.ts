import { createTransport } from 'nodemailer';
import type { EmailConfig } from '../notifications.config';

/** One email as the dispatcher hands it over. */
export interface OutgoingEmail {
  /** The outbox row id; also the Message-ID's local part, so a receiving side can spot a repeat. */
  id: string;
  to: string;
  subject: string;
  text: string;
  /** The HTML alternative, when the email has one. */
  html: string | null;
  /** A marketing email's one-click unsubscribe link: sent as List-Unsubscribe with List-Unsubscribe-Post (RFC 8058). */
  unsubscribeUrl: string | null;
}

/** What the dispatcher needs from a mail transport. */
export interface MailTransport {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** Nodemailer over SMTP with pooled connections, with timeouts so a hung server cannot stall the dispatcher. */
export function smtpTransport(config: EmailConfig): MailTransport {
  const { host, port, secure, user, password } = config.smtp;
  const transporter = createTransport({
    pool: true,
    maxConnections: 2,
    host,
    port,
    secure,
    auth: user ? { user, pass: password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'ultramarket.local';
  return {
    async send(email) {
      const info = await transporter.sendMail({
        from: config.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html ? { html: email.html } : {}),
        messageId: `<${email.id}@${domain}>`,
        headers: {
          'X-UltraMarket-Email-Id': email.id,
          ...(email.unsubscribeUrl ? { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
      });
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

/**
 * Whether the SMTP server refused this email for good (5xx for its recipient or content). Anything
 * else (connection refused, timeouts, 4xx, authentication) may pass and is retried.
 */
export function isPermanentRejection(error: unknown): boolean {
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600 && (code === 'EENVELOPE' || code === 'EMESSAGE');
}
