import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role, type EventEnvelope } from '@ultramarket/kit';
import { tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { loadNotificationsConfig } from '../src/notifications.config';
import { EmailDispatcher } from '../src/email/email-dispatcher';
import { smtpTransport } from '../src/email/mail-transport';
import { SmtpInbox } from './support/smtp-inbox';
import { startNotificationsWithInbox, stopNotificationsWithInbox } from './support/notifications-with-inbox';

const NOTIFICATION_FIELDS = gql`
  fragment NotificationFields on Notification {
    id
    userId
    storeId
    type
    title
    message
    orderId
    isRead
    createdAt
  }
`;
const NOTIFICATIONS = gql`
  query ($first: Int, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      edges {
        cursor
        node {
          ...NotificationFields
        }
      }
      nodes {
        id
      }
    }
  }
  ${NOTIFICATION_FIELDS}
`;
const NOTIFICATION = gql`
  query ($id: ID!) {
    notification(id: $id) {
      ...NotificationFields
    }
  }
  ${NOTIFICATION_FIELDS}
`;
const UNREAD_COUNT = gql`
  query {
    unreadNotificationCount
  }
`;
const MARK_READ = gql`
  mutation ($input: MarkNotificationReadInput!) {
    markNotificationRead(input: $input) {
      notification {
        id
        isRead
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const MARK_ALL_READ = gql`
  mutation {
    markAllNotificationsRead {
      markedCount
      userErrors {
        code
      }
    }
  }
`;

interface NotificationResult {
  id: string;
  userId: string | null;
  storeId: string;
  type: string;
  title: string;
  message: string;
  orderId: string | null;
  isRead: boolean;
  createdAt: string;
}
interface NotificationsResult {
  notifications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: NotificationResult }[];
    nodes: { id: string }[];
  };
}
interface MarkReadResult {
  markNotificationRead: { notification: { id: string; isRead: boolean } | null; userErrors: { code: string; field: string[] | null; message: string }[] };
}
const usd = (amount: number) => ({ amount, currencyCode: 'USD' });

describe('notifications subgraph', () => {
  const storeId = randomUUID();
  const otherStoreId = randomUUID();
  const inbox = new SmtpInbox();
  let notifications: TestSubgraph;
  /** The database as its owner: every store's rows (the subgraph's own connection sees one store per transaction). */
  let owner: DataSource;
  let orderNumbers = 1000;

  /** A shopper with an account: a user id, a token and an address. */
  const shopper = () => {
    const userId = randomUUID();
    return { userId, token: tokenFor([Role.CUSTOMER], storeId, userId), email: `shopper-${userId.slice(0, 8)}@example.com` };
  };
  const newOrder = () => ({ orderId: randomUUID(), orderNumber: `#${(orderNumbers += 1)}` });

  const query = async <T>(token: string | undefined, document: string, variables: Record<string, unknown> = {}) =>
    notifications.client(token).rawRequest<T>(document, variables);
  const list = async (token: string, variables: Record<string, unknown> = {}) => {
    const result = await query<NotificationsResult>(token, NOTIFICATIONS, variables);
    expect(result.errors).toBeUndefined();
    return result.data.notifications;
  };
  const unreadCount = async (token: string) => (await query<{ unreadNotificationCount: number }>(token, UNREAD_COUNT)).data.unreadNotificationCount;
  const count = async (sql: string, parameters: unknown[] = []) => Number((await owner.query(sql, parameters))[0].n);

  /** Publishes an event straight to JetStream, as its producing subgraph's outbox relay would. */
  const publish = async (type: string, data: Record<string, unknown>, options: { storeId?: string; aggregateId?: string; aggregateVersion?: number } = {}) => {
    const { js, names } = notifications.runtime;
    const event = envelopeFor(
      {
        type,
        storeId: options.storeId ?? storeId,
        aggregateId: options.aggregateId ?? String(data.orderId ?? data.productId),
        aggregateVersion: options.aggregateVersion,
        data,
      },
      { correlationId: randomUUID(), causationId: null },
    );
    const ack = await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return { event, seq: ack.seq };
  };
  /** Waits until the event's transaction has committed. */
  const handled = (event: EventEnvelope) =>
    eventually(async () => (await count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id])) === 1, 10_000, `${event.type} handled`);
  const statusChanged = (order: { orderId: string; orderNumber: string }, to: string, who: { userId: string | null; email: string | null }, extra = {}) =>
    publish(
      'orders.status-changed',
      { ...order, customerId: who.userId, email: who.email, from: 'PAYMENT_SUCCESS', to, reason: null, total: usd(2599), ...extra },
      { aggregateVersion: 3 },
    );
  const emailsFor = (recipient: string, minimum = 1) =>
    eventually(async () => inbox.messagesTo(recipient).length >= minimum && inbox.messagesTo(recipient), 10_000, `email to ${recipient}`);
  const createdEvents = async (notificationId: string) =>
    (await notifications.runtime.dataSource.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1`, [notificationId])).map(
      (row: { envelope: EventEnvelope }) => row.envelope,
    );

  beforeAll(async () => {
    ({ notifications, owner } = await startNotificationsWithInbox(inbox, { NOTIFICATIONS_EMAIL_RETRY_BASE_MS: '200' }));
  });
  afterAll(async () => {
    await stopNotificationsWithInbox(inbox, { notifications, owner });
  });

  it('tells the customer their order is confirmed, in the app and by one email, and publishes notifications.created', async () => {
    const customer = shopper();
    const order = newOrder();
    const { event } = await statusChanged(order, 'CONFIRMED', customer);

    const page = await eventually(async () => {
      const found = await list(customer.token);
      return found.totalCount === 1 && found;
    });
    const notification = page.edges[0].node;
    expect(notification).toMatchObject({
      userId: customer.userId,
      storeId,
      type: 'ORDER',
      title: `Order ${order.orderNumber} confirmed`,
      orderId: order.orderId,
      isRead: false,
    });
    expect(notification.message).toContain('$25.99');

    const [email] = await emailsFor(customer.email);
    expect(email.to).toEqual([customer.email]);
    expect(email.from).toBe('no-reply@ultramarket.local');
    expect(email.subject).toBe(`Your order ${order.orderNumber} is confirmed`);
    expect(email.text).toContain(order.orderNumber);
    expect(email.text).toContain('$25.99');
    // the server has the message a moment before the dispatcher's transaction records it
    const outboxRow = await eventually(async () => {
      const [row] = await owner.query(`SELECT status, attempts, smtp_message_id FROM email_outbox WHERE event_id = $1`, [event.id]);
      return row?.status === 'SENT' && row;
    });
    expect(outboxRow).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(email.messageId).toBe(outboxRow.smtp_message_id);

    const [created] = await createdEvents(notification.id);
    expect(created).toMatchObject({
      type: 'notifications.created',
      storeId,
      aggregateId: notification.id,
      causationId: event.id,
      correlationId: event.correlationId,
      data: { notificationId: notification.id, userId: customer.userId, storeId, type: 'ORDER' },
    });
  });

  it('shows nothing of one customer’s notifications to another user', async () => {
    const customer = shopper();
    const { event } = await statusChanged(newOrder(), 'COMPLETED', customer);
    await handled(event);
    const [own] = (await list(customer.token)).nodes;
    expect(own).toBeDefined();

    const stranger = shopper();
    expect((await list(stranger.token)).totalCount).toBe(0);
    expect(await unreadCount(stranger.token)).toBe(0);
    expect((await query<{ notification: unknown }>(stranger.token, NOTIFICATION, { id: own.id })).data.notification).toBeNull();
    const staff = tokenFor([Role.MERCHANT], storeId);
    expect((await query<{ notification: unknown }>(staff, NOTIFICATION, { id: own.id })).data.notification).toBeNull();

    const receipts = await count(`SELECT count(*) AS n FROM notification_read_receipt`);
    const steal = await query<MarkReadResult>(stranger.token, MARK_READ, { input: { id: own.id } });
    expect(steal.data.markNotificationRead).toEqual({
      notification: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })],
    });
    expect(await count(`SELECT count(*) AS n FROM notification_read_receipt`)).toBe(receipts);
    expect((await query<{ notification: NotificationResult }>(customer.token, NOTIFICATION, { id: own.id })).data.notification.isRead).toBe(false);
  });

  it('puts the carrier and tracking number in one DISPATCH notification and one email, whichever event comes first', async () => {
    const customer = shopper();
    const trackingFirst = newOrder();
    const dispatched = await publish('orders.dispatched', {
      ...trackingFirst,
      customerId: customer.userId,
      email: customer.email,
      carrier: 'DHL',
      trackingNumber: 'JD014600006281',
    });
    await handled(dispatched.event);
    const { event: laterStatus } = await statusChanged(trackingFirst, 'DISPATCHED', customer, { from: 'CONFIRMED' });
    await handled(laterStatus);

    const statusFirst = newOrder();
    const { event: earlierStatus } = await statusChanged(statusFirst, 'DISPATCHED', customer, { from: 'CONFIRMED' });
    await handled(earlierStatus);
    const generic = (await list(customer.token)).nodes;
    expect(generic).toHaveLength(2);
    const laterTracking = await publish('orders.dispatched', {
      ...statusFirst,
      customerId: customer.userId,
      email: customer.email,
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    await handled(laterTracking.event);

    const page = await list(customer.token);
    expect(page.totalCount).toBe(2);
    const byOrder = new Map(page.edges.map((edge) => [edge.node.orderId, edge.node]));
    expect(byOrder.get(trackingFirst.orderId)).toMatchObject({ type: 'DISPATCH', title: `Order ${trackingFirst.orderNumber} dispatched` });
    expect(byOrder.get(trackingFirst.orderId)!.message).toContain('DHL. Tracking number: JD014600006281');
    expect(byOrder.get(statusFirst.orderId)!.message).toContain('UPS. Tracking number: 1Z999AA10123456784');
    for (const node of page.nodes) expect(await createdEvents(node.id)).toHaveLength(1);

    const emails = await emailsFor(customer.email, 2);
    const dhl = emails.find((email) => email.subject === `Your order ${trackingFirst.orderNumber} is on its way`)!;
    expect(dhl.text).toContain('DHL');
    expect(dhl.text).toContain('Tracking number: JD014600006281');
    expect(emails.find((email) => email.subject.includes(statusFirst.orderNumber))!.text).toContain('1Z999AA10123456784');
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE recipient = $1`, [customer.email])).toBe(2);
  });

  it('tells the customer where their parcel is: every status in the app, the delivery news by email (without the staff’s words), an older update not at all', async () => {
    const customer = shopper();
    const order = newOrder();
    const shipmentId = randomUUID();
    const tracking = (status: string, version: number, message: string | null = null) =>
      publish(
        'shipping.tracking-updated',
        {
          shipmentId,
          ...order,
          customerId: customer.userId,
          email: customer.email,
          carrier: 'Canada Post',
          trackingNumber: 'CP123',
          trackingUrl: 'https://post.example/track?n=CP123',
          status,
          message,
        },
        { aggregateId: shipmentId, aggregateVersion: version },
      );
    await handled((await tracking('IN_TRANSIT', 2, 'Left the depot')).event);
    const [inTransit] = (await list(customer.token)).edges.map((edge) => edge.node);
    expect(inTransit).toMatchObject({ type: 'DISPATCH', title: `Order ${order.orderNumber} is in transit`, orderId: order.orderId });
    expect(inTransit.message).toBe(
      `Your order ${order.orderNumber} is on its way: Left the depot. Canada Post tracking number: CP123 (https://post.example/track?n=CP123).`,
    );
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE recipient = $1`, [customer.email])).toBe(0);

    await handled((await tracking('DELIVERED', 4, 'Signed by A. Neighbour')).event);
    const [email] = await emailsFor(customer.email);
    expect(email.subject).toBe(`Order ${order.orderNumber} was delivered`);
    expect(email.text).toContain(`Your order ${order.orderNumber} was delivered.`);
    expect(email.text).toContain('Canada Post tracking number: CP123 (https://post.example/track?n=CP123)');
    expect(email.text).not.toContain('Neighbour');
    // an update older than one told (consumed out of order) changes nothing
    await handled((await tracking('OUT_FOR_DELIVERY', 3)).event);
    const page = await list(customer.token);
    expect(page.edges.map((edge) => edge.node.title)).toEqual(
      expect.arrayContaining([`Order ${order.orderNumber} was delivered`, `Order ${order.orderNumber} is in transit`]),
    );
    expect(page.totalCount).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE recipient = $1`, [customer.email])).toBe(1);
  });

  it('emails tracking news about one order at most NOTIFICATIONS_MAX_TRACKING_EMAILS_PER_ORDER_HOUR times an hour; the app hears of each', async () => {
    const guest = { email: `tracked-${randomUUID().slice(0, 8)}@example.com` };
    const order = newOrder();
    const shipmentId = randomUUID();
    const statuses = [
      'FAILED_ATTEMPT',
      'OUT_FOR_DELIVERY',
      'FAILED_ATTEMPT',
      'OUT_FOR_DELIVERY',
      'FAILED_ATTEMPT',
      'OUT_FOR_DELIVERY',
      'FAILED_ATTEMPT',
      'RETURNED',
    ];
    for (const [index, status] of statuses.entries()) {
      const { event } = await publish(
        'shipping.tracking-updated',
        { shipmentId, ...order, customerId: null, email: guest.email, carrier: 'UPS', trackingNumber: '1Z', trackingUrl: null, status, message: null },
        { aggregateId: shipmentId, aggregateVersion: index + 2 },
      );
      await handled(event);
    }
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE order_id = $1 AND kind = 'SHIPMENT_TRACKING'`, [order.orderId])).toBe(6);
  });

  it('links the tracking page in the dispatch email when the shipment has one', async () => {
    const customer = shopper();
    const order = newOrder();
    const { event } = await publish('orders.dispatched', {
      ...order,
      customerId: customer.userId,
      email: customer.email,
      shipmentId: randomUUID(),
      carrier: 'UPS',
      trackingNumber: '1Z7',
      trackingUrl: 'https://ups.example/track/1Z7',
    });
    await handled(event);
    const [email] = await emailsFor(customer.email);
    expect(email.text).toContain('Follow your parcel: https://ups.example/track/1Z7');
  });

  it('emails guests, who have no account, without making notifications', async () => {
    const guest = { userId: null, email: `guest-${randomUUID().slice(0, 8)}@example.com` };
    const order = newOrder();
    const { event } = await statusChanged(order, 'CANCELLED', guest, {
      from: 'CREATED',
      reason: 'Not enough stock for product 1',
      reasonCode: 'OUT_OF_STOCK',
    });
    const [email] = await emailsFor(guest.email);
    expect(email.subject).toBe(`Your order ${order.orderNumber} was cancelled`);
    expect(email.text).toContain(`Order ${order.orderNumber} was cancelled because some of its items are out of stock.`);
    await handled(event);
    expect(await count(`SELECT count(*) AS n FROM notification WHERE order_id = $1`, [order.orderId])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'causationId' = $1`, [event.id])).toBe(0);
  });

  it('turns payment events into PAYMENT notifications, naming the order, and emails failures and refunds once', async () => {
    const customer = shopper();
    const order = newOrder();
    const payer = { customerId: customer.userId, email: customer.email, orderId: order.orderId, paymentId: randomUUID(), provider: 'simulated' };
    // the order number comes from the order's own events
    await handled((await statusChanged(order, 'PAYMENT_PENDING', customer, { from: 'CREATED' })).event);
    const failedStatus = await statusChanged(order, 'PAYMENT_FAILED', customer, { from: 'PAYMENT_PENDING', reason: 'Card declined' });
    const failed = await publish('payments.failed', { ...payer, amount: usd(2599), errorCode: 'card_declined', message: 'Your card was declined.' });
    const succeeded = await publish('payments.succeeded', { ...payer, amount: usd(2599), providerReference: 'sim_123' });
    const refunded = await publish('payments.refunded', { ...payer, amount: usd(2599), reason: 'Out of stock after payment' });
    for (const { event } of [failedStatus, failed, succeeded, refunded]) await handled(event);

    const page = await list(customer.token);
    expect(page.edges.map((edge) => edge.node.type)).toEqual(['PAYMENT', 'PAYMENT', 'PAYMENT']);
    const messages = page.edges.map((edge) => edge.node.message).sort();
    expect(messages).toEqual([
      `We received your payment of $25.99 for order ${order.orderNumber}.`,
      `We refunded $25.99 for order ${order.orderNumber}: Out of stock after payment. It can take a few business days to appear on your statement.`,
      `Your payment of $25.99 for order ${order.orderNumber} failed: Your card was declined. You can try again with another payment method.`,
    ]);

    const emails = await emailsFor(customer.email, 2);
    expect(emails.map((email) => email.subject).sort()).toEqual([
      `Payment for order ${order.orderNumber} failed`,
      `Your refund for order ${order.orderNumber}`,
    ]);
    expect(emails.find((email) => email.subject.startsWith('Payment'))!.text).toContain('Reason: Card declined.');
    expect(emails.find((email) => email.subject.startsWith('Your refund'))!.text).toContain(`We have refunded $25.99 for order ${order.orderNumber}.`);
  });

  it('tells the shopper of each step of a return in the app and by email; the rejection reason in the app only; a refund asked for tells nothing', async () => {
    const customer = shopper();
    const order = newOrder();
    const returnId = randomUUID();
    const step = (status: string, previousStatus: string | null, version: number, rejectReason: string | null = null) =>
      publish(
        'orders.return-updated',
        {
          returnId,
          ...order,
          customerId: customer.userId,
          email: customer.email,
          status,
          previousStatus,
          rejectReason,
          refundId: null,
          lines: [],
          actor: null,
        },
        { aggregateId: returnId, aggregateVersion: version },
      );
    for (const [status, previous, version] of [
      ['REQUESTED', null, 1],
      ['APPROVED', 'REQUESTED', 2],
      ['RECEIVED', 'APPROVED', 3],
      ['RECEIVED', 'RECEIVED', 4],
      ['REFUNDED', 'RECEIVED', 5],
    ] as const) {
      await handled((await step(status, previous, version)).event);
    }
    const titles = (await list(customer.token)).edges.map((edge) => edge.node.title).sort();
    expect(titles).toEqual([
      `Return approved for order ${order.orderNumber}`,
      `Return received for order ${order.orderNumber}`,
      `Return refunded for order ${order.orderNumber}`,
      `Return requested for order ${order.orderNumber}`,
    ]);
    const emails = await emailsFor(customer.email, 4);
    expect(emails.map((email) => email.subject).sort()).toEqual(titles);

    const other = shopper();
    const rejected = newOrder();
    const event = await publish(
      'orders.return-updated',
      {
        returnId: randomUUID(),
        ...rejected,
        customerId: other.userId,
        email: other.email,
        status: 'REJECTED',
        previousStatus: 'REQUESTED',
        rejectReason: 'Worn twice',
        refundId: null,
        lines: [],
        actor: null,
      },
      { aggregateVersion: 2 },
    );
    await handled(event.event);
    expect((await list(other.token)).edges.map((edge) => edge.node.message)).toEqual(['Your return was declined. Reason: Worn twice.']);
    const [email] = await emailsFor(other.email, 1);
    expect(email.subject).toBe(`Return declined for order ${rejected.orderNumber}`);
    expect(email.text).not.toContain('Worn twice');
  });

  it('tells the customer how to pay a manual payment, with the store’s instructions; a card payment’s start tells nothing', async () => {
    const customer = shopper();
    const order = newOrder();
    const payer = { customerId: customer.userId, email: customer.email, orderId: order.orderId, amount: usd(2599) };
    await handled((await statusChanged(order, 'PAYMENT_PENDING', customer, { from: 'CREATED' })).event);
    const card = await publish('payments.initiated', {
      ...payer,
      paymentId: randomUUID(),
      provider: 'simulated',
      method: 'CARD',
      instructions: null,
      holdReservationUntil: null,
    });
    const manual = await publish('payments.initiated', {
      ...payer,
      paymentId: randomUUID(),
      provider: 'manual',
      method: 'BANK_TRANSFER',
      instructions: 'IBAN DE89 3704 0044 0532 0130 00\nQuote your order number.',
      holdReservationUntil: '2026-12-10T12:00:00.000Z',
    });
    for (const { event } of [card, manual]) await handled(event);

    const page = await list(customer.token);
    expect(page.edges.map((edge) => [edge.node.type, edge.node.title])).toEqual([['PAYMENT', `How to pay for order ${order.orderNumber}`]]);
    expect(page.edges[0].node.message).toBe(
      "You chose to pay $25.99 by bank transfer. The store's instructions:\n> IBAN DE89 3704 0044 0532 0130 00\n> Quote your order number.",
    );
    const [email] = await emailsFor(customer.email, 1);
    expect(email.subject).toBe(`How to pay for order ${order.orderNumber}`);
    expect(email.text).toContain('> IBAN DE89 3704 0044 0532 0130 00\n> Quote your order number.');
    expect(email.text).toMatch(/We hold your items until December 10, 2026 at 12:00\sPM UTC/);
  });

  it('does not tell the customer about a status change that arrives after a later one', async () => {
    const customer = shopper();
    const order = newOrder();
    const cancelled = await publish(
      'orders.status-changed',
      { ...order, customerId: customer.userId, email: customer.email, from: 'CONFIRMED', to: 'CANCELLED', reason: 'Customer request', total: usd(100) },
      { aggregateVersion: 6 },
    );
    await handled(cancelled.event);
    const staleConfirmed = await publish(
      'orders.status-changed',
      { ...order, customerId: customer.userId, email: customer.email, from: 'PAYMENT_SUCCESS', to: 'CONFIRMED', reason: null, total: usd(100) },
      { aggregateVersion: 5 },
    );
    await handled(staleConfirmed.event);
    expect((await list(customer.token)).edges.map((edge) => edge.node.title)).toEqual([`Order ${order.orderNumber} cancelled`]);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE event_id = $1`, [staleConfirmed.event.id])).toBe(0);
  });

  it('alerts the staff of the store, and only them, when stock runs low, with read state per reader', async () => {
    const productId = randomUUID();
    const { event } = await publish(
      'inventory.low-stock',
      { productId, onHand: 4, reserved: 1, available: 3, lowStockThreshold: 5, delta: -2, reason: 'sold' },
      { aggregateId: productId },
    );
    await handled(event);
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const staffUserId = randomUUID();
    const staff = tokenFor([Role.STORE_STAFF], storeId, staffUserId);

    const seenByMerchant = (await list(merchant)).edges.map((edge) => edge.node);
    const alert = seenByMerchant.find((node) => node.message.includes(productId))!;
    expect(alert).toMatchObject({ userId: null, storeId, type: 'STOCK', orderId: null, isRead: false, title: 'Low stock: 3 left' });
    expect((await list(staff)).nodes.map((node) => node.id)).toContain(alert.id);
    expect((await query<{ notification: { id: string } }>(staff, NOTIFICATION, { id: alert.id })).data.notification.id).toBe(alert.id);
    const [created] = await createdEvents(alert.id);
    expect(created.data).toEqual({ notificationId: alert.id, userId: null, storeId, type: 'STOCK' });

    for (const outsider of [tokenFor([Role.MERCHANT], otherStoreId), tokenFor([Role.CUSTOMER], storeId)]) {
      expect((await list(outsider)).nodes.map((node) => node.id)).not.toContain(alert.id);
      expect((await query<{ notification: unknown }>(outsider, NOTIFICATION, { id: alert.id })).data.notification).toBeNull();
    }
    // staff of no store are told to name one
    const storeless = tokenFor([Role.STORE_STAFF], null);
    expect((await query(storeless, NOTIFICATIONS)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await query<{ notification: unknown }>(storeless, NOTIFICATION, { id: alert.id })).data.notification).toBeNull();

    const unreadBefore = await unreadCount(staff);
    const marked = await query<MarkReadResult>(merchant, MARK_READ, { input: { id: alert.id } });
    expect(marked.data.markNotificationRead).toEqual({ notification: { id: alert.id, isRead: true }, userErrors: [] });
    // one reader's read state is theirs alone
    expect(await unreadCount(staff)).toBe(unreadBefore);
    expect((await query<{ notification: { isRead: boolean } }>(staff, NOTIFICATION, { id: alert.id })).data.notification.isRead).toBe(false);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE event_id = $1`, [event.id])).toBe(0);
  });

  it('counts unread notifications and marks one or all of them read', async () => {
    const customer = shopper();
    for (const to of ['CONFIRMED', 'COMPLETED', 'CANCELLED']) await handled((await statusChanged(newOrder(), to, { ...customer, email: null })).event);
    expect(await unreadCount(customer.token)).toBe(3);
    const [first] = (await list(customer.token)).nodes;

    const marked = await query<MarkReadResult>(customer.token, MARK_READ, { input: { id: first.id } });
    expect(marked.data.markNotificationRead).toEqual({ notification: { id: first.id, isRead: true }, userErrors: [] });
    const again = await query<MarkReadResult>(customer.token, MARK_READ, { input: { id: first.id } });
    expect(again.data.markNotificationRead.userErrors).toEqual([]);
    expect(await unreadCount(customer.token)).toBe(2);

    const unread = await list(customer.token, { unreadOnly: true });
    expect(unread.totalCount).toBe(2);
    expect(unread.nodes.map((node) => node.id)).not.toContain(first.id);
    const all = await list(customer.token);
    expect(all.edges.map((edge) => [edge.node.id, edge.node.isRead])).toEqual(all.nodes.map((node) => [node.id, node.id === first.id]));

    const markAll = await query<{ markAllNotificationsRead: { markedCount: number; userErrors: unknown[] } }>(customer.token, MARK_ALL_READ);
    expect(markAll.data.markAllNotificationsRead).toEqual({ markedCount: 2, userErrors: [] });
    expect(await unreadCount(customer.token)).toBe(0);
    expect((await list(customer.token, { unreadOnly: true })).totalCount).toBe(0);
    const nothingLeft = await query<{ markAllNotificationsRead: { markedCount: number } }>(customer.token, MARK_ALL_READ);
    expect(nothingLeft.data.markAllNotificationsRead.markedCount).toBe(0);
  });

  it('pages newest first with keyset cursors, without gaps or repeats', async () => {
    const customer = shopper();
    for (let index = 0; index < 5; index += 1) await handled((await statusChanged(newOrder(), 'COMPLETED', { ...customer, email: null })).event);
    const seen: NotificationResult[] = [];
    let after: string | null = null;
    for (;;) {
      const page: NotificationsResult['notifications'] = await list(customer.token, { first: 2, after });
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen.map((node) => node.id)).size).toBe(5);
    const times = seen.map((node) => Date.parse(node.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('makes nothing twice when an event is delivered again: one notification, one email', async () => {
    const customer = shopper();
    const order = newOrder();
    const { event } = await statusChanged(order, 'CONFIRMED', customer);
    await emailsFor(customer.email);

    const { js, jsm, names } = notifications.runtime;
    const again = await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: `${event.id}-again` });
    await eventually(async () => {
      const consumer = await jsm.consumers.info(names.stream('orders'), names.durable('notifications-order-status-changed'));
      return consumer.ack_floor.stream_seq >= again.seq;
    });
    // a few dispatcher rounds: anything queued by the redelivery would be sent by now
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(inbox.messagesTo(customer.email)).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM email_outbox WHERE recipient = $1`, [customer.email])).toBe(1);
    const page = await list(customer.token);
    expect(page.totalCount).toBe(1);
    expect(await createdEvents(page.nodes[0].id)).toHaveLength(1);
  });

  it('retries an email the SMTP server turns away for now, and gives up on one it rejects for good', async () => {
    const later = { userId: null, email: `later-${randomUUID().slice(0, 8)}@example.com` };
    const never = { userId: null, email: `never-${randomUUID().slice(0, 8)}@example.com` };
    inbox.refuse(later.email, 451, 451);
    inbox.refuse(never.email, 550);
    const order = newOrder();
    const { event: retried } = await statusChanged(order, 'CONFIRMED', later);
    const { event: rejected } = await statusChanged(newOrder(), 'CONFIRMED', never);

    const [email] = await emailsFor(later.email);
    expect(email.subject).toBe(`Your order ${order.orderNumber} is confirmed`);
    const status = async (event: EventEnvelope) => (await owner.query(`SELECT status, attempts FROM email_outbox WHERE event_id = $1`, [event.id]))[0];
    await eventually(async () => (await status(retried))?.status === 'SENT');
    expect(await status(retried)).toEqual({ status: 'SENT', attempts: 3 });
    await eventually(async () => (await status(rejected))?.status === 'FAILED');
    expect(await status(rejected)).toEqual({ status: 'FAILED', attempts: 1 });
    expect(inbox.messagesTo(never.email)).toHaveLength(0);
  });

  it('shares the email outbox between replicas without sending anything twice', async () => {
    const { dataSource, logger } = notifications.runtime;
    const email = loadNotificationsConfig({ SMTP_PORT: String(inbox.port) }).email;
    // a second replica's dispatcher on the same database, next to the subgraph's own
    const replica = new EmailDispatcher(dataSource, smtpTransport(email), logger, { pollMs: 20, batchSize: 3, maxAttempts: 3, retryBaseMs: 100 });
    replica.start();
    try {
      const recipients = Array.from({ length: 30 }, (_, index) => `bulk-${index}-${randomUUID().slice(0, 8)}@example.com`);
      await owner.query(
        `INSERT INTO email_outbox (store_id, event_id, kind, recipient, subject, text_body)
         SELECT $1, gen_random_uuid(), 'ORDER_CONFIRMED', recipient, 'Bulk', 'Hello' FROM unnest($2::text[]) AS recipient`,
        [storeId, recipients],
      );
      await eventually(
        async () => (await count(`SELECT count(*) AS n FROM email_outbox WHERE recipient = ANY($1) AND status = 'SENT'`, [recipients])) === 30,
        15_000,
        'every bulk email sent',
      );
      for (const recipient of recipients) expect(inbox.messagesTo(recipient)).toHaveLength(1);
    } finally {
      await replica.stop();
    }
  });

  it('dead-letters an event it can never handle, and writes nothing for it', async () => {
    const { js, names } = notifications.runtime;
    const { event } = await publish('orders.status-changed', { orderId: 'not-an-id', orderNumber: '#1', to: 'CONFIRMED', total: usd(1) }, { aggregateId: 'x' });
    const deadLetters = await js.consumers.get(names.deadLetterStream(), {
      filterSubjects: names.deadLetterSubject(names.durable('notifications-order-status-changed')),
    });
    const message = await deadLetters.next({ expires: 10_000 });
    expect(JSON.parse(Buffer.from(message!.data).toString('utf8')).id).toBe(event.id);
    expect(message!.headers?.get('Error')).toContain('data.orderId must be a uuid');
    expect(await count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id])).toBe(0);
  });

  it('refuses bad input with BAD_USER_INPUT and changes nothing', async () => {
    const customer = shopper();
    await handled((await statusChanged(newOrder(), 'COMPLETED', { ...customer, email: null })).event);
    const receipts = await count(`SELECT count(*) AS n FROM notification_read_receipt`);

    const result = await query(customer.token, MARK_READ, { input: { id: 'not-a-uuid' } });
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: ['input', 'id'] })] });
    expect(await count(`SELECT count(*) AS n FROM notification_read_receipt`)).toBe(receipts);
    expect(await unreadCount(customer.token)).toBe(1);

    for (const variables of [
      { first: 101 },
      { first: 0 },
      { after: 'not-a-cursor' },
      { after: Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url') },
    ]) {
      const page = await query(customer.token, NOTIFICATIONS, variables);
      expect(page.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('answers anonymous callers with UNAUTHENTICATED', async () => {
    for (const [document, variables] of [
      [NOTIFICATIONS, {}],
      [NOTIFICATION, { id: randomUUID() }],
      [UNREAD_COUNT, {}],
      [MARK_READ, { input: { id: randomUUID() } }],
      [MARK_ALL_READ, {}],
    ] as const) {
      const result = await query(undefined, document, variables);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('resolves federation references only for callers who may see the notification', async () => {
    const customer = shopper();
    await handled((await statusChanged(newOrder(), 'COMPLETED', { ...customer, email: null })).event);
    const [own] = (await list(customer.token)).nodes;
    const entities = gql`
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Notification {
            id
            isRead
          }
        }
      }
    `;
    const representations = [{ __typename: 'Notification', id: own.id }];
    expect((await query<{ _entities: unknown[] }>(customer.token, entities, { representations })).data._entities).toEqual([{ id: own.id, isRead: false }]);
    expect((await query<{ _entities: unknown[] }>(shopper().token, entities, { representations })).data._entities).toEqual([null]);
  });
});
