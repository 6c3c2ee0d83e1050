import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { inventorySubgraph } from '../src/inventory.subgraph';
import { inventoryEvents } from './support/inventory-events';

const ADJUST = `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code } } }`;
const CREATE_LOCATION = `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { location { id } userErrors { code } } }`;

/**
 * The saga's guarantee per variant and across locations: 200 buyers race for the 10 units of one
 * variant kept 6 at one location and 4 at another, handled 32 at a time; exactly 10 units are held,
 * no item ever goes negative (the CHECKs would abort the transaction), and the product's other variant is untouched.
 */
describe('inventory: 200 concurrent orders for 10 units of one variant at two locations', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  let inventory: TestSubgraph;
  let owner: DataSource;
  const events = inventoryEvents(
    () => inventory,
    () => owner,
  );

  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph, { CONSUMER_CONCURRENCY: '32' });
    owner = await openOwnerConnection(inventory.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('holds exactly 10 units, 6 + 4, and leaves the other variant alone', async () => {
    const productId = randomUUID();
    const [wanted, other] = [randomUUID(), randomUUID()];
    await events.product('created', storeId, productId, [{ variantId: wanted }, { variantId: other }]);
    const created = await inventory.client(merchant).rawRequest<{ createLocation: { location: { id: string } } }>(CREATE_LOCATION, {
      input: { name: 'Second', code: 'second', priority: 1 },
    });
    const secondId = created.data.createLocation.location.id;
    for (const input of [
      { variantId: wanted, delta: 6 },
      { variantId: wanted, locationId: secondId, delta: 4 },
      { variantId: other, delta: 5 },
      { variantId: other, locationId: secondId, delta: 5 },
    ]) {
      const result = await inventory.client(merchant).rawRequest<{ adjustStock: { userErrors: unknown[] } }>(ADJUST, {
        input: { ...input, reason: 'stock', idempotencyKey: randomUUID() },
      });
      expect(result.data.adjustStock.userErrors).toEqual([]);
    }

    const orderIds = Array.from({ length: 200 }, () => randomUUID());
    await Promise.all(
      orderIds.map((orderId) =>
        events.publish('orders.created', storeId, orderId, { orderId, orderNumber: '#race', lines: [{ productId, variantId: wanted, quantity: 1 }] }),
      ),
    );
    await eventually(
      async () => Number((await owner.query(`SELECT count(*) AS n FROM reservation WHERE order_id = ANY($1)`, [orderIds]))[0].n) === 200,
      60_000,
      'all 200 orders handled',
    );
    const outcomes: { status: string; n: number }[] = await owner.query(
      `SELECT status, count(*)::int AS n FROM reservation WHERE order_id = ANY($1) GROUP BY status ORDER BY status`,
      [orderIds],
    );
    expect(outcomes).toEqual([
      { status: 'FAILED', n: 190 },
      { status: 'RESERVED', n: 10 },
    ]);
    const stock: { variant_id: string; location_id: string; on_hand: number; reserved: number }[] = await owner.query(
      `SELECT variant_id, location_id, on_hand, reserved FROM inventory_item WHERE product_id = $1`,
      [productId],
    );
    const at = (variantId: string, locationId: string | null) =>
      stock.find((row) => row.variant_id === variantId && (locationId ? row.location_id === locationId : row.location_id !== secondId));
    expect([at(wanted, null), at(wanted, secondId)].map((row) => [row?.on_hand, row?.reserved])).toEqual([
      [6, 6],
      [4, 4],
    ]);
    expect([at(other, null), at(other, secondId)].map((row) => [row?.on_hand, row?.reserved])).toEqual([
      [5, 0],
      [5, 0],
    ]);
    const held = await owner.query(`SELECT sum(quantity)::int AS n FROM reservation_line WHERE variant_id = $1`, [wanted]);
    expect(held[0].n).toBe(10);
    const failures = await owner.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE envelope->>'type' = 'inventory.reservation-failed' AND envelope->'data'->'variantIds' ? $1`,
      [wanted],
    );
    expect(failures[0].n).toBe(190);
  }, 90_000);
});
