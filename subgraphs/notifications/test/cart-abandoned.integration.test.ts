import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { SmtpInbox } from './support/smtp-inbox';
import { startNotificationsWithInbox, stopNotificationsWithInbox } from './support/notifications-with-inbox';

/** The cap this suite runs with (NOTIFICATIONS_MAX_CART_EMAILS_PER_RECIPIENT_DAY), small enough to reach. */
const EMAILS_PER_RECIPIENT_DAY = 2;

describe('notifications: cart.abandoned emails the shopper a link back to the cart', () => {
  const inbox = new SmtpInbox();
  let notifications: TestSubgraph;
  let owner: DataSource;

  const count = async (sql: string, parameters: unknown[] = []) => Number((await owner.query(sql, parameters))[0].n);
  const abandonedData = (storeId: string, email: string) => {
    const cartId = randomUUID();
    return {
      cartId,
      email,
      customerId: null,
      currencyCode: 'USD',
      itemCount: 3,
      subtotal: { amount: 6400, currencyCode: 'USD' },
      lines: [
        { title: 'Heavy tee', variantTitle: 'M', quantity: 2 },
        { title: 'Mug\nhttp://phish.example', variantTitle: 'Default', quantity: 1 },
      ],
      recoveryUrl: `https://shop.example/cart/recover?cart=${cartId}&token=secret-${cartId.slice(0, 8)}`,
      recoveryExpiresAt: '2026-12-10T09:30:00.000Z',
    };
  };
  /** Publishes cart.abandoned straight to JetStream, as cart's outbox relay would; `msgID` other than the id passes JetStream's dedupe (a redelivery). */
  const publish = async (event: EventEnvelope, msgID = event.id) => {
    const { js, names } = notifications.runtime;
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID });
  };
  const abandoned = (storeId: string, data: Record<string, unknown>): EventEnvelope =>
    envelopeFor({ type: 'cart.abandoned', storeId, aggregateId: randomUUID(), data }, { correlationId: randomUUID(), causationId: null });
  const handled = (event: EventEnvelope) =>
    eventually(async () => (await count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id])) === 1, 10_000, `${event.type} handled`);

  beforeAll(async () => {
    ({ notifications, owner } = await startNotificationsWithInbox(inbox, {
      NOTIFICATIONS_MAX_CART_EMAILS_PER_RECIPIENT_DAY: String(EMAILS_PER_RECIPIENT_DAY),
    }));
  });
  afterAll(async () => {
    await stopNotificationsWithInbox(inbox, { notifications, owner });
  });

  it('emails the lines, the subtotal and the recovery link once, even when the event is delivered again, and forgets the body once sent', async () => {
    const storeId = randomUUID();
    const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
    const data = abandonedData(storeId, email);
    const event = abandoned(storeId, data);
    await publish(event);
    await handled(event);
    await publish(event, `${event.id}:again`);

    const [received] = await eventually(async () => inbox.messagesTo(email).length >= 1 && inbox.messagesTo(email), 10_000, `email to ${email}`);
    expect(received.subject).toBe('You left something in your cart');
    expect(received.text).toContain('Your cart is waiting for you: 3 items, $64.00 at today');
    expect(received.text).toContain('- 2 × “Heavy tee” (“M”)\n- 1 × “Mug http[:]//phish.example”');
    expect(received.text).toContain(`Pick up where you left off: ${data.recoveryUrl}`);
    expect(received.text).toMatch(/The link works once, until December 10, 2026 at 9:30\sAM UTC\./);

    await eventually(
      async () => (await owner.query(`SELECT status FROM email_outbox WHERE event_id = $1`, [event.id]))[0]?.status === 'SENT',
      10_000,
      'the email recorded as sent',
    );
    // the redelivered copy was handled as a duplicate: one row, one email, and its body (a live token) gone
    expect(await owner.query(`SELECT store_id, kind, recipient, text_body FROM email_outbox WHERE event_id = $1`, [event.id])).toEqual([
      { store_id: storeId, kind: 'CART_ABANDONED', recipient: email, text_body: null },
    ]);
    expect(inbox.messagesTo(email)).toHaveLength(1);
  });

  it(`emails one address at most ${EMAILS_PER_RECIPIENT_DAY} abandoned carts of a store a day (any case); other stores keep their own allowance`, async () => {
    const storeId = randomUUID();
    const email = `target-${randomUUID().slice(0, 8)}@example.com`;
    const events = [email, email.toUpperCase(), email, email].map((address) => abandoned(storeId, abandonedData(storeId, address)));
    for (const event of events) await publish(event);
    for (const event of events) await handled(event);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE store_id = $1 AND kind = 'CART_ABANDONED'`, [storeId])).toBe(EMAILS_PER_RECIPIENT_DAY);

    const otherStore = randomUUID();
    const elsewhere = abandoned(otherStore, abandonedData(otherStore, email));
    await publish(elsewhere);
    await handled(elsewhere);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE event_id = $1`, [elsewhere.id])).toBe(1);
  });

  it('dead-letters a malformed event (no recovery link) and emails nobody', async () => {
    const storeId = randomUUID();
    const email = `broken-${randomUUID().slice(0, 8)}@example.com`;
    const event = abandoned(storeId, { ...abandonedData(storeId, email), recoveryUrl: 'javascript:alert(1)' });
    await publish(event);
    const { js, names } = notifications.runtime;
    const deadLetters = await js.consumers.get(names.deadLetterStream(), {
      filterSubjects: names.deadLetterSubject(names.durable('notifications-cart-abandoned')),
    });
    const message = await deadLetters.next({ expires: 10_000 });
    expect(JSON.parse(Buffer.from(message!.data).toString('utf8')).id).toBe(event.id);
    expect(message!.headers?.get('Error')).toContain('data.recoveryUrl must be an http(s) URL');
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE event_id = $1`, [event.id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id])).toBe(0);
  });
});
