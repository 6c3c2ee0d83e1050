import { randomBytes, randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, inScope, PLATFORM_SCOPE, Role, sealAccountEmailToken, SecretCipher, type EventEnvelope } from '@ultramarket/kit';
import { tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { SmtpInbox } from './support/smtp-inbox';
import { startNotificationsWithInbox, stopNotificationsWithInbox } from './support/notifications-with-inbox';

const NOTIFICATION = gql`
  query ($id: ID!) {
    notification(id: $id) {
      id
    }
  }
`;
const NOTIFICATIONS = gql`
  query {
    notifications(first: 100) {
      nodes {
        id
        storeId
      }
    }
    unreadNotificationCount
  }
`;
const ENTITIES = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Notification {
        id
      }
    }
  }
`;
const MARK_READ = gql`
  mutation ($id: ID!) {
    markNotificationRead(input: { id: $id }) {
      notification {
        id
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const MARK_ALL_READ = gql`
  mutation {
    markAllNotificationsRead {
      markedCount
    }
  }
`;
const TABLES = ['notification', 'notification_read_receipt', 'order_reference', 'email_outbox'];

describe('notifications: one store never sees or touches another’s', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  // one shopper with an account who buys in both stores
  const customerId = randomUUID();
  const customerInA = tokenFor([Role.CUSTOMER], storeA, customerId);
  const customerEmail = `both-${customerId.slice(0, 8)}@example.com`;
  const inbox = new SmtpInbox();
  let notifications: TestSubgraph;
  let owner: DataSource;
  /** Per store: the customer's order notification and the staff's low-stock one. */
  const noticesOf: Record<string, { order: string; lowStock: string }> = {};
  let accountEmailEvent: EventEnvelope;
  const emailTokenKey = randomBytes(32);

  const publish = async (type: string, storeId: string | null, data: Record<string, unknown>) => {
    const { js, names } = notifications.runtime;
    const event = envelopeFor(
      { type, storeId, aggregateId: String(data.orderId ?? data.productId ?? data.email), aggregateVersion: 3, data },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const handled = (event: EventEnvelope) =>
    eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length === 1, 10_000, `${event.type} handled`);
  const request = <T>(token: string, document: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    notifications.client(token, headers).rawRequest<T>(document, variables);
  const receiptsOf = (storeId: string) =>
    owner.query(`SELECT user_id, notification_id FROM notification_read_receipt WHERE store_id = $1 ORDER BY 1, 2`, [storeId]);

  beforeAll(async () => {
    ({ notifications, owner } = await startNotificationsWithInbox(inbox, { ACCOUNT_EMAIL_TOKEN_KEY: emailTokenKey.toString('base64') }));
    for (const storeId of [storeA, storeB]) {
      const orderId = randomUUID();
      const productId = randomUUID();
      await handled(
        await publish('orders.status-changed', storeId, {
          orderId,
          orderNumber: '#1001',
          customerId,
          email: customerEmail,
          from: 'PAYMENT_SUCCESS',
          to: 'CONFIRMED',
          reason: null,
          total: { amount: 1000, currencyCode: 'USD' },
        }),
      );
      await handled(
        await publish('inventory.low-stock', storeId, { productId, onHand: 2, reserved: 0, available: 2, lowStockThreshold: 5, delta: -1, reason: 'sold' }),
      );
      const [order] = await owner.query(`SELECT id FROM notification WHERE store_id = $1 AND order_id = $2`, [storeId, orderId]);
      const [lowStock] = await owner.query(`SELECT id FROM notification WHERE store_id = $1 AND user_id IS NULL`, [storeId]);
      noticesOf[storeId] = { order: order.id, lowStock: lowStock.id };
    }
    // a receipt in each store
    expect(
      (await request<{ markNotificationRead: { userErrors: unknown[] } }>(merchantA, MARK_READ, { id: noticesOf[storeA].lowStock })).data.markNotificationRead
        .userErrors,
    ).toEqual([]);
    expect(
      (await request<{ markNotificationRead: { userErrors: unknown[] } }>(merchantB, MARK_READ, { id: noticesOf[storeB].lowStock })).data.markNotificationRead
        .userErrors,
    ).toEqual([]);
    // an account email, of no store
    const newUserId = randomUUID();
    accountEmailEvent = await publish('accounts.user-registered', null, {
      userId: newUserId,
      email: `new-${customerId.slice(0, 8)}@example.com`,
      firstName: 'Ada',
      sealedVerificationToken: sealAccountEmailToken(new SecretCipher(emailTokenKey), 'accounts.user-registered', newUserId, 'tok'),
    });
    await handled(accountEmailEvent);
  });
  afterAll(async () => {
    await stopNotificationsWithInbox(inbox, { notifications, owner });
  });

  it.each(TABLES)('row-level security on %s: no store, no rows; a store sees only its own and cannot write another’s', async (table) => {
    const { dataSource } = notifications.runtime;
    await expect(dataSource.query(`SELECT * FROM ${table}`)).rejects.toThrow(/no store scope/);
    const seen: { store_id: string }[] = await inScope(dataSource, storeA, (manager) => manager.query(`SELECT store_id FROM ${table}`));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((row) => row.store_id === storeA)).toBe(true);
    const smuggle = inScope(dataSource, storeA, async (manager) => {
      const [row] = await manager.query(`SELECT * FROM ${table} WHERE store_id = $1 LIMIT 1`, [storeA]);
      const copy: Record<string, unknown> = { ...row, store_id: storeB };
      if ('id' in row) copy.id = randomUUID();
      if (table === 'notification') copy.dedupe_key = null;
      if (table === 'notification_read_receipt') copy.user_id = randomUUID();
      if (table === 'order_reference') copy.order_id = randomUUID();
      if (table === 'email_outbox') copy.event_id = randomUUID();
      const columns = Object.keys(copy);
      await manager.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
        columns.map((column) => copy[column]),
      );
    });
    await expect(smuggle).rejects.toThrow(/row-level security/);
  });

  it('keeps account emails, which belong to no store, out of every store and sends every store’s email', async () => {
    const { dataSource } = notifications.runtime;
    const accountEmail = (manager: { query(sql: string, parameters: unknown[]): Promise<unknown[]> }) =>
      manager.query(`SELECT id FROM email_outbox WHERE event_id = $1`, [accountEmailEvent.id]);
    expect(await inScope(dataSource, storeA, accountEmail)).toEqual([]);
    expect(await inScope(dataSource, PLATFORM_SCOPE, accountEmail)).toHaveLength(1);
    // the dispatcher finds them across stores and records each in its own store
    await eventually(
      async () => Number((await owner.query(`SELECT count(*) AS n FROM email_outbox WHERE status = 'SENT'`))[0].n) === 3,
      10_000,
      'both stores’ emails and the account email sent',
    );
    expect(inbox.messagesTo(customerEmail)).toHaveLength(2);
  });

  it('resolves none of store B’s notifications for store A’s callers through _entities', async () => {
    const representations = [noticesOf[storeB].order, noticesOf[storeB].lowStock].map((id) => ({ __typename: 'Notification', id }));
    for (const token of [merchantA, customerInA]) {
      expect((await request<{ _entities: unknown[] }>(token, ENTITIES, { representations })).data._entities).toEqual([null, null]);
    }
    // the customer, in store B, sees their own notification there
    const inB = await request<{ _entities: unknown[] }>(customerInA, ENTITIES, { representations }, { 'x-store-id': storeB });
    expect(inB.data._entities).toEqual([{ id: noticesOf[storeB].order }, null]);
  });

  it('answers notification(id) with null and lists nothing of store B for store A’s callers', async () => {
    for (const token of [merchantA, customerInA]) {
      for (const id of Object.values(noticesOf[storeB]))
        expect((await request<{ notification: unknown }>(token, NOTIFICATION, { id })).data.notification).toBeNull();
      const listed = await request<{ notifications: { nodes: { storeId: string }[] } }>(token, NOTIFICATIONS);
      expect(listed.data.notifications.nodes.length).toBeGreaterThan(0);
      expect(listed.data.notifications.nodes.every((node) => node.storeId === storeA)).toBe(true);
    }
    // the same customer reads their notifications of the store they name
    const inB = await request<{ notifications: { nodes: { id: string }[] }; unreadNotificationCount: number }>(
      customerInA,
      NOTIFICATIONS,
      {},
      { 'x-store-id': storeB },
    );
    expect(inB.data).toEqual({ notifications: { nodes: [{ id: noticesOf[storeB].order, storeId: storeB }] }, unreadNotificationCount: 1 });
  });

  it('lets store A’s callers mark nothing of store B read, and changes nothing of store B', async () => {
    const before = await receiptsOf(storeB);
    for (const token of [merchantA, customerInA]) {
      for (const id of Object.values(noticesOf[storeB])) {
        const marked = await request<{ markNotificationRead: unknown }>(token, MARK_READ, { id });
        expect(marked.data.markNotificationRead).toEqual({ notification: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
      }
    }
    // marking everything read in store A marks the customer's store A notification only
    const all = await request<{ markAllNotificationsRead: { markedCount: number } }>(customerInA, MARK_ALL_READ);
    expect(all.data.markAllNotificationsRead.markedCount).toBe(1);
    expect(await receiptsOf(storeB)).toEqual(before);
    expect(await receiptsOf(storeA)).toEqual(expect.arrayContaining([{ user_id: customerId, notification_id: noticesOf[storeA].order }]));
    const storeless = await request(tokenFor([Role.CUSTOMER], null, customerId), MARK_ALL_READ);
    expect(storeless.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
