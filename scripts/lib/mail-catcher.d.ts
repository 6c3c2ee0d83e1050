/** One email as the catcher received it. */
export interface CaughtEmail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  /** The plain-text body, decoded. */
  text: string;
  /** The HTML alternative, decoded; null for a plain-text-only message. */
  html: string | null;
  /** The message's headers, names in lower case, values decoded (e.g. `list-unsubscribe`). */
  headers: Record<string, string>;
  /** Date.now() when it arrived. */
  receivedAt: number;
}

export interface MailCatcher {
  host: string;
  port: number;
  /** The last 200 emails (or `maxKept`), oldest first. */
  messages(): CaughtEmail[];
  /** The first kept email to `to` (subject matching, received at or after `since`), or the next to arrive; rejects after `timeoutMs` (default 30 s). */
  waitForEmail(options: { to: string; subject?: RegExp; since?: number | null; timeoutMs?: number }): Promise<CaughtEmail>;
  close(): Promise<void>;
}

export function startMailCatcher(options: {
  log: (message: string) => void;
  host?: string;
  port?: number;
  quiet?: boolean;
  maxKept?: number;
}): Promise<MailCatcher | null>;

/** An email's subject (`(no subject)` when it has none), decoded text and HTML parts, and decoded headers (names in lower case). */
export function parseMessage(raw: string): { subject: string; text: string; html: string | null; headers: Record<string, string> };
