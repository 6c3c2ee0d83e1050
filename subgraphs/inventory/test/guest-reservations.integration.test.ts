import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role, StoreStatus, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection, storeStatusEvents } from '../../kit/test/support/tenancy-support';
import { inventorySubgraph } from '../src/inventory.subgraph';

const ADJUST = gql`
  mutation ($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      inventoryItem {
        onHand
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;

interface AdjustResult {
  adjustStock: { inventoryItem: { onHand: number } | null; userErrors: { code: string; message: string }[] };
}

describe('inventory: guest reservations and read-only stores', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  let inventory: TestSubgraph;
  let owner: DataSource;
  let productId: string;
  const setStoreStatus = storeStatusEvents(() => inventory);

  const publish = async (type: string, data: Record<string, unknown>) => {
    const { js, names } = inventory.runtime;
    const event = envelopeFor({ type, storeId, aggregateId: String(data.orderId ?? data.productId), data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const handled = (event: EventEnvelope) =>
    eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length === 1, 10_000, `${event.type} handled`);
  const adjust = async (token: string, delta: number) => {
    const result = await inventory
      .client(token)
      .rawRequest<AdjustResult>(ADJUST, { input: { productId, delta, reason: 'count', idempotencyKey: randomUUID() } });
    expect(result.errors).toBeUndefined();
    return result.data.adjustStock;
  };
  /** Seconds from now until the order's reservation lapses. */
  const secondsLeft = async (orderId: string) =>
    Number((await owner.query(`SELECT extract(epoch FROM expires_at - now()) AS s FROM reservation WHERE order_id = $1`, [orderId]))[0].s);

  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph);
    owner = await openOwnerConnection(inventory.runtime.config);
    productId = randomUUID();
    await handled(await publish('catalog.product-created', { productId }));
    expect((await adjust(merchant, 50)).userErrors).toEqual([]);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('holds a guest’s stock for INVENTORY_GUEST_RESERVATION_TTL_SECONDS (300), a signed-in shopper’s for the usual 15 minutes', async () => {
    const guestOrder = randomUUID();
    const customerOrder = randomUUID();
    const lines = [{ productId, quantity: 1 }];
    await handled(await publish('orders.created', { orderId: guestOrder, orderNumber: '#1001', customerId: null, email: 'g@example.com', lines }));
    await handled(await publish('orders.created', { orderId: customerOrder, orderNumber: '#1002', customerId: randomUUID(), email: 'c@example.com', lines }));
    const guest = await secondsLeft(guestOrder);
    const customer = await secondsLeft(customerOrder);
    expect(guest).toBeGreaterThan(290);
    expect(guest).toBeLessThanOrEqual(300);
    expect(customer).toBeGreaterThan(890);
    expect(customer).toBeLessThanOrEqual(900);
    const [reserved] = await owner.query(
      `SELECT envelope->'data'->>'expiresAt' AS expires_at FROM outbox_event WHERE envelope->>'type' = 'inventory.reserved' AND envelope->>'aggregateId' = $1`,
      [guestOrder],
    );
    expect(new Date(reserved.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
  });

  it('refuses stock changes by the staff of a SUSPENDED or CLOSED store with STORE_UNAVAILABLE, writing nothing; PAUSED works as usual', async () => {
    const rows = async () => ({
      items: await owner.query(`SELECT on_hand, version FROM inventory_item WHERE store_id = $1`, [storeId]),
      adjustments: Number((await owner.query(`SELECT count(*) AS n FROM stock_adjustment WHERE store_id = $1`, [storeId]))[0].n),
      events: Number((await owner.query(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'storeId' = $1`, [storeId]))[0].n),
    });
    for (const status of [StoreStatus.SUSPENDED, StoreStatus.CLOSED]) {
      await setStoreStatus(storeId, status);
      const before = await rows();
      expect(await adjust(merchant, 5)).toEqual({
        inventoryItem: null,
        userErrors: [expect.objectContaining({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining(status) })],
      });
      expect(await adjust(tokenFor([Role.STORE_STAFF], storeId), -1)).toMatchObject({ userErrors: [expect.objectContaining({ code: 'STORE_UNAVAILABLE' })] });
      expect(await rows()).toEqual(before);
    }
    await setStoreStatus(storeId, StoreStatus.PAUSED);
    expect(await adjust(merchant, 5)).toMatchObject({ inventoryItem: { onHand: 55 }, userErrors: [] });
  });
});
