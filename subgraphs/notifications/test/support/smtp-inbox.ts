import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMessage } from '../../../../scripts/lib/mail-catcher';

/** One message as it reached the SMTP server. */
export interface ReceivedEmail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  messageId: string;
  /** The plain-text body, decoded. */
  text: string;
  /** The HTML alternative, decoded; null for a plain-text-only message. */
  html: string | null;
  headers: Record<string, string>;
}

/** The message as the dispatcher sent it, parsed by the development mail catcher's MIME reader. */
function received(raw: string, to: string[], from: string): ReceivedEmail {
  const { text, html, headers } = parseMessage(raw);
  return { to, from, subject: headers.subject ?? '', messageId: headers['message-id'] ?? '', text, html, headers };
}

/** A real SMTP server (the `smtp-server` package) on a free port, keeping what it receives. */
export class SmtpInbox {
  readonly messages: ReceivedEmail[] = [];
  /** Recipient → SMTP replies to give at RCPT TO before accepting (e.g. [451] once, or [550] for good). */
  private readonly refusals = new Map<string, number[]>();
  private readonly server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      onRcptTo: (address, _session, callback) => {
        const code = this.refusals.get(address.address.toLowerCase())?.shift();
        if (code === undefined) return callback();
        const error = Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code });
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((address) => address.address);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.messages.push(received(Buffer.concat(chunks).toString('utf8'), to, from));
          callback();
        });
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** Answer RCPT TO for `recipient` with these codes, one per attempt, before accepting it. */
  refuse(recipient: string, ...codes: number[]): void {
    this.refusals.set(recipient.toLowerCase(), codes);
  }

  messagesTo(recipient: string): ReceivedEmail[] {
    return this.messages.filter((message) => message.to.some((address) => address.toLowerCase() === recipient.toLowerCase()));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
