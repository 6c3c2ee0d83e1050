'use strict';
/**
 * A development mail server for `npm start`: a real SMTP server (the `smtp-server` package) on
 * SMTP_PORT (default 1025) that prints each email's recipient and subject instead of delivering
 * it, so order emails can be seen without a mail service. Not started when SMTP_HOST points
 * elsewhere or the port is taken (e.g. by `docker compose up mailpit`).
 *
 * It keeps the last MAX_KEPT messages in memory, so the demo seed can read the verification
 * emails of the users it registers (`waitForEmail`).
 */
const { SMTPServer } = require('smtp-server');

const MAX_KEPT = 200;
const MAX_MESSAGE_BYTES = 256 * 1024;

function decodeQuotedPrintable(text) {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`) in a header value. */
function decodeHeader(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi, (_, encoding, text) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

/** One MIME entity: its headers (lower-case names, decoded) and raw body. */
function splitPart(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const headerBlock = (split < 0 ? raw : raw.slice(0, split)).replace(/\r\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeHeader(line.slice(colon + 1).trim());
  }
  return { headers, body: split < 0 ? '' : raw.slice(split + 4) };
}

function decodeBody({ headers, body }) {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return text.replace(/\r\n/g, '\n');
}

/** The leaf parts of an entity: itself, or the parts of its multipart body (recursively). */
function leafParts(part) {
  const boundary = /multipart\/[a-z]+;.*boundary="?([^";]+)"?/i.exec(part.headers['content-type'] ?? '')?.[1];
  if (!boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => leafParts(splitPart(chunk.replace(/^\r\n/, '').replace(/\r\n$/, ''))));
}

/** Enough of RFC 5322 and MIME for what notifications sends: plain text, or plain text with an HTML alternative. */
function parseMessage(raw) {
  const message = splitPart(raw);
  const parts = leafParts(message);
  const ofType = (type) => parts.find((part) => (part.headers['content-type'] ?? 'text/plain').toLowerCase().startsWith(type));
  const text = ofType('text/plain');
  const html = ofType('text/html');
  return {
    subject: message.headers.subject ?? '(no subject)',
    text: text ? decodeBody(text) : '',
    html: html ? decodeBody(html) : null,
    headers: message.headers,
  };
}

/**
 * @param {object} options
 * @param {(message: string) => void} options.log
 * @param {string} [options.host] default SMTP_HOST or 127.0.0.1 (only a local address is served)
 * @param {number} [options.port] default SMTP_PORT or 1025; 0 takes a free port (tests)
 * @param {boolean} [options.quiet] do not print each email
 * @param {number} [options.maxKept] how many messages to keep (default MAX_KEPT; the e2e suites' shared inbox keeps all)
 * @returns {Promise<null | { host: string, port: number, messages: () => object[], waitForEmail: Function, close: () => Promise<void> }>}
 *   null when it could not start (another server holds the port, or SMTP_HOST is not local)
 */
function startMailCatcher({
  log,
  host = process.env.SMTP_HOST ?? '127.0.0.1',
  port = Number(process.env.SMTP_PORT ?? 1025),
  quiet = false,
  maxKept = MAX_KEPT,
}) {
  if (!['127.0.0.1', 'localhost'].includes(host)) return Promise.resolve(null);
  /** @type {{ to: string[], from: string, subject: string, text: string, html: string | null, headers: Record<string, string>, receivedAt: number }[]} */
  const kept = [];
  /** Pending waitForEmail calls: each checks every new message. */
  const waiters = new Set();

  const receive = (message) => {
    kept.push(message);
    if (kept.length > maxKept) kept.splice(0, kept.length - maxKept);
    for (const waiter of waiters) waiter(message);
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // a sender's pooled connections are closed after this long when the catcher stops (smtp-server waits 30 s by default)
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks = [];
      let size = 0;
      stream.on('data', (chunk) => {
        if (size < MAX_MESSAGE_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((address) => address.address);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const { subject, text, html, headers } = parseMessage(Buffer.concat(chunks).toString('utf8'));
        receive({ to, from, subject, text, html, headers, receivedAt: Date.now() });
        if (!quiet) log(`✉  to ${to.join(', ')}: ${subject}`);
        callback();
      });
    },
  });

  const matches = (message, { to, subject, since = 0 }) =>
    message.receivedAt >= since && message.to.some((address) => address.toLowerCase() === to.toLowerCase()) && (!subject || subject.test(message.subject));

  /**
   * The first kept message to `to` (whose subject matches, received at or after `since`), or the next
   * one to arrive; rejects after `timeoutMs`.
   */
  const waitForEmail = ({ to, subject, since, timeoutMs = 30_000 }) => {
    const found = kept.find((message) => matches(message, { to, subject, since }));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = (message) => {
        if (!matches(message, { to, subject, since })) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(message);
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no email to ${to}${subject ? ` matching ${subject}` : ''} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };

  return new Promise((resolve) => {
    server.once('error', (error) => {
      log(`mail catcher not started (${error.code ?? error.message}); emails go to whatever listens on ${host}:${port}`);
      resolve(null);
    });
    server.listen(port, host, () => {
      const bound = server.server.address().port;
      if (!quiet) log(`emails are caught on ${host}:${bound} and printed here`);
      resolve({
        host,
        port: bound,
        messages: () => [...kept],
        waitForEmail,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

module.exports = { startMailCatcher, parseMessage };
