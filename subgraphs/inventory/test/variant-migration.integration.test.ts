import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { inventorySubgraph } from '../src/inventory.subgraph';
import { StockPerVariantAndLocation1763769621000 } from '../src/migrations/1763769621000-stock-per-variant-and-location';
import { inventoryEvents } from './support/inventory-events';

/**
 * Today's rows (one item per product, its adjustments, a held reservation's line) in the shape from
 * before variants, carried over by the migration: the product's default variant (variant id = product
 * id) at the store's new default location; the held reservation is then committed where it was held.
 */
describe('inventory migration: one row per product becomes the default variant at the default location', () => {
  const storeId = randomUUID();
  const productId = randomUUID();
  const orderId = randomUUID();
  let inventory: TestSubgraph;
  let owner: DataSource;
  const events = inventoryEvents(
    () => inventory,
    () => owner,
  );

  beforeAll(async () => {
    const before = inventorySubgraph.migrations.filter((migration) => migration !== StockPerVariantAndLocation1763769621000);
    // the subgraph as it was: its migrations up to this one, and nothing running on its rows
    const old = await startTestSubgraph({ ...inventorySubgraph, migrations: before, consumers: [], jobs: [] });
    const { config, names } = old.runtime;
    const oldOwner = await openOwnerConnection(config);
    await oldOwner.query(`INSERT INTO inventory_item (product_id, store_id, on_hand, reserved, low_stock_threshold) VALUES ($1, $2, 9, 2, 3)`, [
      productId,
      storeId,
    ]);
    await oldOwner.query(
      `INSERT INTO stock_adjustment (store_id, product_id, delta, reason, idempotency_key) VALUES ($1, $2, 9, 'received', 'first-delivery')`,
      [storeId, productId],
    );
    const [reservation] = await oldOwner.query(
      `INSERT INTO reservation (order_id, store_id, status, expires_at, correlation_id) VALUES ($1, $2, 'RESERVED', now() + interval '1 hour', 'c') RETURNING id`,
      [orderId, storeId],
    );
    await oldOwner.query(`INSERT INTO reservation_line (reservation_id, store_id, product_id, quantity) VALUES ($1, $2, $3, 2)`, [
      reservation.id,
      storeId,
      productId,
    ]);
    await oldOwner.destroy();
    await old.stop();
    inventory = await startTestSubgraph(inventorySubgraph, { DATABASE_NAME: config.database.name, EVENT_NAMESPACE: names.namespace });
    owner = await openOwnerConnection(inventory.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('keeps the stock, the adjustment and the reservation, now of the default variant at the default location', async () => {
    const [location] = await owner.query(`SELECT id, name, code, priority, active, is_default FROM location WHERE store_id = $1`, [storeId]);
    expect(location).toEqual({ id: expect.any(String), name: 'Default', code: 'default', priority: 0, active: true, is_default: true });
    expect(await owner.query(`SELECT variant_id, location_id, product_id, on_hand, reserved, incoming, low_stock_threshold FROM inventory_item`)).toEqual([
      { variant_id: productId, location_id: location.id, product_id: productId, on_hand: 9, reserved: 2, incoming: 0, low_stock_threshold: 3 },
    ]);
    expect(await owner.query(`SELECT variant_id, location_id, kind FROM stock_adjustment`)).toEqual([
      { variant_id: productId, location_id: location.id, kind: 'ADJUST' },
    ]);
    expect(await owner.query(`SELECT variant_id, location_id, quantity FROM reservation_line`)).toEqual([
      { variant_id: productId, location_id: location.id, quantity: 2 },
    ]);

    const merchant = tokenFor([Role.MERCHANT], storeId);
    const read = await inventory
      .client(merchant)
      .rawRequest<{ _entities: unknown[] }>(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { stock inventory { onHand reserved } } } }`,
        {
          r: [{ __typename: 'Product', id: productId }],
        },
      );
    expect(read.data._entities).toEqual([{ stock: 7, inventory: { onHand: 9, reserved: 2 } }]);
    // the reservation made before the change is sold from where it was held
    await events.saga('payments.succeeded', storeId, orderId, { paymentId: randomUUID() });
    expect(await owner.query(`SELECT on_hand, reserved FROM inventory_item`)).toEqual([{ on_hand: 7, reserved: 0 }]);
    // and the product keeps working by product id
    const adjusted = await inventory
      .client(merchant)
      .rawRequest<{ adjustStock: { inventoryItem: { variantId: string; onHand: number } } }>(
        `mutation ($input: AdjustStockInput!) { adjustStock(input: $input) { inventoryItem { variantId onHand } userErrors { code } } }`,
        { input: { productId, delta: 1, reason: 'found one', idempotencyKey: randomUUID() } },
      );
    expect(adjusted.data.adjustStock.inventoryItem).toEqual({ variantId: productId, onHand: 8 });
  });
});
