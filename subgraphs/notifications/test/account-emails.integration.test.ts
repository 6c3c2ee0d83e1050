import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, openAccountEmailToken, sealAccountEmailToken, SecretCipher, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { SmtpInbox } from './support/smtp-inbox';
import { startNotificationsWithInbox, stopNotificationsWithInbox } from './support/notifications-with-inbox';

const VERIFY = 'accounts.user-registered';
const RESET = 'accounts.password-reset-requested';

describe('notifications: account emails from sealed tokens', () => {
  const inbox = new SmtpInbox();
  const emailTokenKey = randomBytes(32);
  /** accounts' side of ACCOUNT_EMAIL_TOKEN_KEY: seals as accounts does, opens what the email carries. */
  const accountsSeal = new SecretCipher(emailTokenKey);
  let notifications: TestSubgraph;
  let owner: DataSource;

  const publish = async (type: string, data: Record<string, unknown>): Promise<EventEnvelope> => {
    const { js, names } = notifications.runtime;
    const event = envelopeFor(
      { type, storeId: null, aggregateId: String(data.userId), aggregateVersion: 1, data },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const person = () => {
    const userId = randomUUID();
    return { userId, email: `account-${userId.slice(0, 8)}@example.com`, firstName: 'Ada', token: randomBytes(32).toString('base64url') };
  };
  const outboxRow = async (event: EventEnvelope) =>
    (await owner.query(`SELECT status, text_body FROM email_outbox WHERE event_id = $1`, [event.id]))[0] as
      { status: string; text_body: string | null } | undefined;
  const tokenInLink = (text: string, page: string) => decodeURIComponent(new RegExp(`/${page}\\?token=([^\\s]+)`).exec(text)![1]);

  beforeAll(async () => {
    ({ notifications, owner } = await startNotificationsWithInbox(inbox, { ACCOUNT_EMAIL_TOKEN_KEY: emailTokenKey.toString('base64') }));
  });
  afterAll(async () => {
    await stopNotificationsWithInbox(inbox, { notifications, owner });
  });

  it('emails the verification link with the opened token, then keeps no body in the outbox', async () => {
    const user = person();
    const sealed = sealAccountEmailToken(accountsSeal, VERIFY, user.userId, user.token);
    const event = await publish(VERIFY, { ...user, token: undefined, sealedVerificationToken: sealed, verificationTokenExpiresAt: new Date().toISOString() });

    const [email] = await eventually(async () => inbox.messagesTo(user.email).length > 0 && inbox.messagesTo(user.email), 10_000, 'verification email');
    const token = tokenInLink(email.text, 'verify-email');
    expect(token).toBe(openAccountEmailToken(accountsSeal, VERIFY, user.userId, sealed));
    expect(token).toBe(user.token);
    expect(email.text).not.toContain(sealed);

    await eventually(async () => (await outboxRow(event))?.status === 'SENT', 10_000, 'recorded as sent');
    expect(await outboxRow(event)).toEqual({ status: 'SENT', text_body: null });
  });

  it('emails the reset link with the opened token, and drops the body of an email given up too', async () => {
    const sent = person();
    const sentEvent = await publish(RESET, {
      ...sent,
      token: undefined,
      sealedResetToken: sealAccountEmailToken(accountsSeal, RESET, sent.userId, sent.token),
    });
    const [email] = await eventually(async () => inbox.messagesTo(sent.email).length > 0 && inbox.messagesTo(sent.email), 10_000, 'reset email');
    expect(tokenInLink(email.text, 'reset-password')).toBe(sent.token);
    await eventually(async () => (await outboxRow(sentEvent))?.status === 'SENT', 10_000, 'recorded as sent');
    expect((await outboxRow(sentEvent))!.text_body).toBeNull();

    const refused = person();
    inbox.refuse(refused.email, 550);
    const refusedEvent = await publish(RESET, {
      ...refused,
      token: undefined,
      sealedResetToken: sealAccountEmailToken(accountsSeal, RESET, refused.userId, refused.token),
    });
    await eventually(async () => (await outboxRow(refusedEvent))?.status === 'FAILED', 10_000, 'given up');
    expect((await outboxRow(refusedEvent))!.text_body).toBeNull();
  });

  it('sends nothing for a seal that does not open, and dead-letters the event at the first delivery', async () => {
    const { js, names } = notifications.runtime;
    const tampered = person();
    const sealed = sealAccountEmailToken(accountsSeal, VERIFY, tampered.userId, tampered.token);
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    // another user's seal copied into this event does not open either (it is bound to event type and user)
    const copied = person();
    const cases = [
      { who: tampered, seal: [version, iv, tag, flipped.toString('base64url')].join('.') },
      { who: copied, seal: sealAccountEmailToken(accountsSeal, VERIFY, randomUUID(), copied.token) },
      { who: person(), seal: sealAccountEmailToken(new SecretCipher(randomBytes(32)), VERIFY, tampered.userId, tampered.token) },
    ];
    const deadLetters = await js.consumers.get(names.deadLetterStream(), {
      filterSubjects: names.deadLetterSubject(names.durable('notifications-account-verification')),
    });
    for (const { who, seal } of cases) {
      const event = await publish(VERIFY, { ...who, token: undefined, sealedVerificationToken: seal });
      const message = await deadLetters.next({ expires: 10_000 });
      expect(JSON.parse(Buffer.from(message!.data).toString('utf8')).id).toBe(event.id);
      expect(message!.headers?.get('Deliveries')).toBe('1');
      expect(message!.headers?.get('Error')).toMatch(/does not open/);
      expect(message!.headers?.get('Error')).not.toContain(who.token);
      message!.ack();
      expect(await outboxRow(event)).toBeUndefined();
      expect(Number((await owner.query(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id]))[0].n)).toBe(0);
    }
    // the seals that open are still emailed after these (nothing is stuck behind them)
    const after = person();
    await publish(VERIFY, { ...after, token: undefined, sealedVerificationToken: sealAccountEmailToken(accountsSeal, VERIFY, after.userId, after.token) });
    await eventually(async () => inbox.messagesTo(after.email).length === 1, 10_000, 'the next verification email');
    for (const { who } of cases) expect(inbox.messagesTo(who.email)).toHaveLength(0);
  });
});
