import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { SmtpInbox } from './support/smtp-inbox';
import { startNotificationsWithInbox, stopNotificationsWithInbox } from './support/notifications-with-inbox';

const usd = (amount: number) => ({ amount, currencyCode: 'USD' });
const SPAM = 'Cheap pills at http://spam.example';

describe('notifications: order emails cannot be used to send spam', () => {
  const storeId = randomUUID();
  const inbox = new SmtpInbox();
  let notifications: TestSubgraph;
  let owner: DataSource;
  let orderNumbers = 5000;

  const newOrder = () => ({ orderId: randomUUID(), orderNumber: `#${(orderNumbers += 1)}` });
  const count = async (sql: string, parameters: unknown[] = []) => Number((await owner.query(sql, parameters))[0].n);
  const publish = async (type: string, data: Record<string, unknown>, aggregateVersion?: number) => {
    const { js, names } = notifications.runtime;
    const event = envelopeFor({ type, storeId, aggregateId: String(data.orderId), aggregateVersion, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const handled = (event: EventEnvelope) =>
    eventually(async () => (await count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id])) === 1, 10_000, `${event.type} handled`);

  beforeAll(async () => {
    ({ notifications, owner } = await startNotificationsWithInbox(inbox));
  });
  afterAll(async () => {
    await stopNotificationsWithInbox(inbox, { notifications, owner });
  });

  it('emails at most 3 payment declines of one order an hour; every decline still makes its in-app notification', async () => {
    const userId = randomUUID();
    const email = `decliner-${userId.slice(0, 8)}@example.com`;
    const order = newOrder();
    const party = { ...order, customerId: userId, email };
    let version = 1;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const pending = await publish(
        'orders.status-changed',
        { ...party, from: 'CREATED', to: 'PAYMENT_PENDING', reason: null, total: usd(2599) },
        (version += 1),
      );
      const failed = await publish(
        'orders.status-changed',
        { ...party, from: 'PAYMENT_PENDING', to: 'PAYMENT_FAILED', reason: 'Your card was declined.', total: usd(2599) },
        (version += 1),
      );
      const declined = await publish('payments.failed', {
        ...party,
        paymentId: randomUUID(),
        provider: 'simulated',
        amount: usd(2599),
        errorCode: 'card_declined',
        message: 'Your card was declined.',
      });
      for (const event of [pending, failed, declined]) await handled(event);
    }
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE recipient = $1 AND kind = 'ORDER_PAYMENT_FAILED'`, [email])).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM notification WHERE order_id = $1 AND type = 'PAYMENT'`, [order.orderId])).toBe(5);
    await eventually(async () => inbox.messagesTo(email).length === 3, 10_000, 'three emails sent');
    // another order of the same shopper has its own allowance
    const other = newOrder();
    const otherFailed = await publish(
      'orders.status-changed',
      { ...other, customerId: userId, email, from: 'PAYMENT_PENDING', to: 'PAYMENT_FAILED', reason: 'Your card was declined.', total: usd(100) },
      2,
    );
    await handled(otherFailed);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE recipient = $1 AND kind = 'ORDER_PAYMENT_FAILED'`, [email])).toBe(4);
  });

  it('never puts the shopper’s own words into a cancellation email or notification: only the fixed text of its reason code', async () => {
    const userId = randomUUID();
    const email = `victim-${userId.slice(0, 8)}@example.com`;
    const order = newOrder();
    const cancelled = await publish(
      'orders.status-changed',
      { ...order, customerId: userId, email, from: 'CREATED', to: 'CANCELLED', reason: SPAM, reasonCode: 'FOUND_BETTER_PRICE', total: usd(2599) },
      2,
    );
    await handled(cancelled);
    const [row] = await owner.query(`SELECT subject, text_body FROM email_outbox WHERE event_id = $1`, [cancelled.id]);
    expect(row.subject).toBe(`Your order ${order.orderNumber} was cancelled`);
    expect(row.text_body).toContain(`Order ${order.orderNumber} was cancelled at your request.`);
    expect(row.text_body).not.toContain('spam.example');
    const [notification] = await owner.query(`SELECT message FROM notification WHERE order_id = $1`, [order.orderId]);
    expect(notification.message).not.toContain('spam.example');

    // an event of an older orders (no reason code) says no reason at all
    const older = newOrder();
    const legacy = await publish(
      'orders.status-changed',
      { ...older, customerId: null, email, from: 'CREATED', to: 'CANCELLED', reason: SPAM, total: usd(2599) },
      2,
    );
    await handled(legacy);
    const [legacyRow] = await owner.query(`SELECT text_body FROM email_outbox WHERE event_id = $1`, [legacy.id]);
    expect(legacyRow.text_body).toContain(`Order ${older.orderNumber} was cancelled.`);
    expect(legacyRow.text_body).not.toContain('spam.example');
  });
});
