import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { inventorySubgraph } from '../src/inventory.subgraph';

const ADJUST = `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code } } }`;
const CREATE_LOCATION = `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { location { id } userErrors { code } } }`;

/** Refunded units back on the shelf (issue 15): once per refund line, where staff chose or where the stock came from. */
describe('inventory: restock on orders.refund-requested', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  let inventory: TestSubgraph;
  let owner: DataSource;

  const publish = async (type: string, aggregateId: string, data: Record<string, unknown>): Promise<EventEnvelope> => {
    const { js, names } = inventory.runtime;
    const event = envelopeFor({ type, storeId, aggregateId, data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    await eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length > 0, 10_000, `${type} handled`);
    return event;
  };
  const stocked = async (units: number): Promise<string> => {
    const productId = randomUUID();
    await publish('catalog.product-created', productId, { productId });
    const result = await inventory
      .client(merchant)
      .rawRequest<{ adjustStock: { userErrors: unknown[] } }>(ADJUST, { input: { productId, delta: units, reason: 'test', idempotencyKey: randomUUID() } });
    expect(result.data.adjustStock.userErrors).toEqual([]);
    return productId;
  };
  const stockAt = async (productId: string): Promise<Record<string, number>> => {
    const rows: { location_id: string; on_hand: number; reserved: number }[] = await owner.query(
      `SELECT location_id, on_hand, reserved FROM inventory_item WHERE product_id = $1`,
      [productId],
    );
    return Object.fromEntries(rows.map((row) => [row.location_id, row.on_hand]));
  };
  /** An order of `quantity` units of `productId`, reserved and sold (committed). */
  const soldOrder = async (productId: string, quantity: number) => {
    const orderId = randomUUID();
    await publish('orders.created', orderId, { orderId, orderNumber: '#1', customerId: null, lines: [{ productId, quantity }] });
    await publish('payments.succeeded', orderId, { orderId });
    return orderId;
  };
  const refundRequested = (
    orderId: string,
    productId: string,
    lines: { refundLineId: string; quantity: number; restock: boolean; locationId: string | null }[],
    attempt = 1,
  ) =>
    publish('orders.refund-requested', orderId, {
      orderId,
      refundId: randomUUID(),
      attempt,
      amount: { amount: 100, currencyCode: 'USD' },
      lines: lines.map((line) => ({ lineItemId: randomUUID(), productId, variantId: productId, amount: { amount: 1, currencyCode: 'USD' }, ...line })),
      actor: null,
    });
  const stockEvents = async (productId: string) =>
    (
      await owner.query(
        `SELECT envelope->'data' AS data FROM outbox_event WHERE envelope->>'type' = 'inventory.stock-changed' AND envelope->'data'->>'productId' = $1 ORDER BY seq`,
        [productId],
      )
    ).map((row: { data: { reason: string; delta: number } }) => row.data);

  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph);
    owner = await openOwnerConnection(inventory.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('puts restocked units back where the order’s stock came from, once per refund line, and leaves the rest sold', async () => {
    const productId = await stocked(5);
    const orderId = await soldOrder(productId, 3);
    const [home] = Object.keys(await stockAt(productId));
    expect(await stockAt(productId)).toEqual({ [home]: 2 });

    const line = randomUUID();
    await refundRequested(orderId, productId, [
      { refundLineId: line, quantity: 2, restock: true, locationId: null },
      { refundLineId: randomUUID(), quantity: 1, restock: false, locationId: null },
    ]);
    expect(await stockAt(productId)).toEqual({ [home]: 4 });
    // a retried refund repeats its lines: nothing is restocked twice
    await refundRequested(orderId, productId, [{ refundLineId: line, quantity: 2, restock: true, locationId: null }], 2);
    expect(await stockAt(productId)).toEqual({ [home]: 4 });
    expect((await stockEvents(productId)).filter((data: { reason: string }) => data.reason === 'refund restock')).toEqual([
      expect.objectContaining({ reason: 'refund restock', delta: 2 }),
    ]);
  });

  it('restocks at the location staff chose; an unknown location falls back to where the stock came from', async () => {
    const productId = await stocked(4);
    const orderId = await soldOrder(productId, 2);
    const [home] = Object.keys(await stockAt(productId));
    const created = await inventory.client(merchant).rawRequest<{ createLocation: { location: { id: string } } }>(CREATE_LOCATION, {
      input: { name: 'Returns', code: `returns-${randomUUID().slice(0, 6)}`, priority: 9 },
    });
    const returns = created.data.createLocation.location.id;

    await refundRequested(orderId, productId, [{ refundLineId: randomUUID(), quantity: 1, restock: true, locationId: returns }]);
    expect(await stockAt(productId)).toEqual({ [home]: 2, [returns]: 1 });
    await refundRequested(orderId, productId, [{ refundLineId: randomUUID(), quantity: 1, restock: true, locationId: randomUUID() }]);
    expect(await stockAt(productId)).toEqual({ [home]: 3, [returns]: 1 });
  });
});
