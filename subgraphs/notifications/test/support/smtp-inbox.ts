import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

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

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`) in a header value. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

interface MimePart {
  headers: Record<string, string>;
  body: string;
}

function splitPart(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const headerBlock = (split < 0 ? raw : raw.slice(0, split)).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeHeader(line.slice(colon + 1).trim());
  }
  return { headers, body: split < 0 ? '' : raw.slice(split + 4) };
}

function decodeBody({ headers, body }: MimePart): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const decoded = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return decoded.replace(/\r\n/g, '\n');
}

/** The leaf parts of a message: itself, or the parts of its multipart body (recursively). */
function leafParts(part: MimePart): MimePart[] {
  const boundary = /multipart\/[a-z]+;.*boundary="?([^";]+)"?/i.exec(part.headers['content-type'] ?? '')?.[1];
  if (!boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => leafParts(splitPart(chunk.replace(/^\r\n/, '').replace(/\r\n$/, ''))));
}

/** Enough of RFC 5322 and MIME for what the dispatcher sends: plain text, or plain text with an HTML alternative. */
function parseMessage(raw: string, to: string[], from: string): ReceivedEmail {
  const message = splitPart(raw);
  const parts = leafParts(message);
  const ofType = (type: string) => parts.find((part) => (part.headers['content-type'] ?? 'text/plain').toLowerCase().startsWith(type));
  const text = ofType('text/plain');
  const html = ofType('text/html');
  const { headers } = message;
  return {
    to,
    from,
    subject: headers.subject ?? '',
    messageId: headers['message-id'] ?? '',
    text: text ? decodeBody(text) : '',
    html: html ? decodeBody(html) : null,
    headers,
  };
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
          this.messages.push(parseMessage(Buffer.concat(chunks).toString('utf8'), to, from));
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
