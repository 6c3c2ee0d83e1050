import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from '../lib/mail-catcher';
import { tokenInVerificationEmail } from '../lib/seed/verification';

describe('the development mail catcher', () => {
  let catcher: MailCatcher;
  const printed: string[] = [];
  const send = (to: string, subject: string, text: string) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: catcher.port, secure: false, ignoreTLS: true })
      .sendMail({ from: 'shop@example.com', to, subject, text });

  beforeAll(async () => {
    catcher = (await startMailCatcher({ log: (message) => printed.push(message), host: '127.0.0.1', port: 0 }))!;
  });
  afterAll(() => catcher?.close());

  it('keeps what it catches, decoded, and hands the verification token to whoever waits for it', async () => {
    const token = 'A'.repeat(60) + '-_x';
    const waiting = catcher.waitForEmail({ to: 'ADA@example.com', subject: /confirm your email/i, timeoutMs: 5000 });
    await send('someone-else@example.com', 'Confirm your email address', 'not for Ada');
    await send(
      'ada@example.com',
      'Confirm your email address',
      `Welcome, Ada! Please confirm: http://localhost:3000/verify-email?token=${encodeURIComponent(token)}\nThé end.`,
    );
    const email = await waiting;
    expect(email.to).toEqual(['ada@example.com']);
    expect(email.text).toContain('Thé end.');
    expect(tokenInVerificationEmail(email.text)).toBe(token);
    // already kept: answered at once; `since` skips older ones
    expect((await catcher.waitForEmail({ to: 'ada@example.com', timeoutMs: 100 })).subject).toBe('Confirm your email address');
    await expect(catcher.waitForEmail({ to: 'ada@example.com', since: Date.now() + 1000, timeoutMs: 100 })).rejects.toThrow(/no email to ada@example.com/);
    expect(printed).toContain('✉  to ada@example.com: Confirm your email address');
  });

  it('keeps only the last 200', async () => {
    const pooled = nodemailer.createTransport({ host: '127.0.0.1', port: catcher.port, secure: false, ignoreTLS: true, pool: true, maxMessages: Infinity });
    for (let index = 0; index < 205; index += 1)
      await pooled.sendMail({ from: 'shop@example.com', to: `bulk-${index}@example.com`, subject: `Bulk ${index}`, text: 'hello' });
    pooled.close();
    const kept = catcher.messages();
    expect(kept).toHaveLength(200);
    expect(kept[kept.length - 1].subject).toBe('Bulk 204');
  });
});
