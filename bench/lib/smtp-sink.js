'use strict';
/**
 * The bench's mail server: enough SMTP (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for
 * the notifications subgraph to deliver every email it writes, so the bench runs with email on, as a
 * real store does. It keeps no message, only counts them and their recipients (scripts/lib/mail-catcher.js
 * parses and keeps the last 200, which a bench's thousands of emails would only make the load generator pay
 * for); it offers no STARTTLS or AUTH (the bench points notifications at it with SMTP_SECURE=false and no SMTP_USER).
 */
const net = require('node:net');

const END_OF_DATA = '\r\n.\r\n';

class SmtpSink {
  constructor() {
    this.messages = 0;
    this.recipients = new Set();
    this.sockets = new Set();
    this.server = net.createServer((socket) => this.converse(socket));
    this.port = 0;
  }

  async start() {
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    this.port = this.server.address().port;
    return this;
  }

  /** One SMTP session: line commands, then the message body up to the lone dot while in DATA. */
  converse(socket) {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    const reply = (line) => socket.write(`${line}\r\n`);
    let buffered = '';
    let inData = false;
    let envelope = [];
    reply('220 bench-smtp-sink ESMTP');
    socket.on('data', (chunk) => {
      buffered += chunk;
      for (;;) {
        if (inData) {
          // the body may begin with the terminator if it is empty ("DATA" then "." right away)
          const end = buffered.startsWith('.\r\n') ? 0 : buffered.indexOf(END_OF_DATA);
          if (end < 0) return;
          buffered = buffered.slice(end === 0 ? 3 : end + END_OF_DATA.length);
          inData = false;
          this.messages += 1;
          for (const address of envelope) this.recipients.add(address);
          envelope = [];
          reply('250 2.0.0 queued');
          continue;
        }
        const newline = buffered.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          reply('250-bench-smtp-sink');
          reply('250-8BITMIME');
          reply('250 SMTPUTF8');
        } else if (verb === 'HELO' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'MAIL') {
          envelope = [];
          reply('250 2.1.0 OK');
        } else if (verb === 'RCPT') {
          envelope.push((/<([^>]*)>/.exec(line)?.[1] ?? '').toLowerCase());
          reply('250 2.1.5 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 end data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          envelope = [];
          reply('250 OK');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
          return;
        } else reply('502 5.5.2 command not implemented');
      }
    });
  }

  async stop() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
}

module.exports = { SmtpSink };
