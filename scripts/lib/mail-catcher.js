'use strict';
/**
 * A development mail server for `npm start`: a real SMTP server (the `smtp-server` package) on
 * SMTP_PORT (default 1025) that prints each email's recipient and subject instead of delivering
 * it, so order emails can be seen without a mail service. Not started when SMTP_HOST points
 * elsewhere or the port is taken (e.g. by `docker compose up mailpit`).
 */
const { SMTPServer } = require('smtp-server');

function startMailCatcher({ log }) {
  const host = process.env.SMTP_HOST ?? '127.0.0.1';
  const port = Number(process.env.SMTP_PORT ?? 1025);
  if (!['127.0.0.1', 'localhost'].includes(host)) return Promise.resolve(null);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 8192) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const subject = /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '(no subject)';
        log(`✉  to ${session.envelope.rcptTo.map((address) => address.address).join(', ')}: ${subject}`);
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.once('error', (error) => {
      log(`mail catcher not started (${error.code ?? error.message}); emails go to whatever listens on ${host}:${port}`);
      resolve(null);
    });
    server.listen(port, host, () => {
      log(`emails are caught on ${host}:${port} and printed here`);
      resolve(server);
    });
  });
}

module.exports = { startMailCatcher };
