import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, inScope, Role, type EventEnvelope } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { inventorySubgraph } from '../src/inventory.subgraph';
import { reservationExpiryJob } from '../src/reservation/reservation-expiry.job';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';

const ADJUST = gql`
  mutation ($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      inventoryItem {
        onHand
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const ENTITIES = gql`
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product {
        id
        stock
        inventory {
          onHand
        }
      }
    }
  }
`;
const INVENTORY = gql`
  query {
    inventory(first: 100) {
      totalCount
      nodes {
        productId
        storeId
      }
    }
  }
`;
const TABLES = [
  'inventory_item',
  'stock_adjustment',
  'reservation',
  'reservation_line',
  'location',
  'stock_transfer',
  'catalog_variant',
  'product_stock_version',
];
const CREATE_LOCATION = `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { location { id } userErrors { code field } } }`;
const TRANSFER = `mutation ($input: TransferStockInput!) { transferStock(input: $input) { transfer { id } userErrors { code field } } }`;
const VARIANTS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ProductVariant { id available inStock inventoryLevels { onHand } } } }`;
const LOCATIONS = `query { locations(first: 100) { totalCount nodes { id } } }`;

describe('inventory: one store never sees or touches another’s stock', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let inventory: TestSubgraph;
  let owner: DataSource;
  const productOf: Record<string, string> = {};
  const orderOf: Record<string, string> = {};
  /** Each store's second location, where half of its stock was moved. */
  const locationOf: Record<string, string> = {};

  const publish = async (type: string, storeId: string, data: Record<string, unknown>) => {
    const { js, names } = inventory.runtime;
    const event = envelopeFor({ type, storeId, aggregateId: String(data.orderId ?? data.productId), data }, { correlationId: randomUUID(), causationId: null });
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  const handled = (event: EventEnvelope) =>
    eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length === 1, 10_000, `${event.type} handled`);
  const adjust = (token: string, productId: string, delta: number) =>
    inventory.client(token).rawRequest<{ adjustStock: unknown }>(ADJUST, { input: { productId, delta, reason: 'count', idempotencyKey: randomUUID() } });
  /** Everything of a store, as the owner sees it. */
  const snapshot = async (storeId: string) => ({
    items: await owner.query(`SELECT product_id, on_hand, reserved, version FROM inventory_item WHERE store_id = $1 ORDER BY product_id`, [storeId]),
    adjustments: await owner.query(`SELECT id FROM stock_adjustment WHERE store_id = $1 ORDER BY id`, [storeId]),
    reservations: await owner.query(`SELECT order_id, status FROM reservation WHERE store_id = $1 ORDER BY order_id`, [storeId]),
    lines: await owner.query(`SELECT reservation_id, product_id, quantity FROM reservation_line WHERE store_id = $1 ORDER BY reservation_id`, [storeId]),
    locations: await owner.query(`SELECT id, name, priority, active, updated_at FROM location WHERE store_id = $1 ORDER BY id`, [storeId]),
    stock: await owner.query(
      `SELECT variant_id, location_id, on_hand, reserved, incoming, low_stock_threshold FROM inventory_item WHERE store_id = $1 ORDER BY id`,
      [storeId],
    ),
    transfers: await owner.query(`SELECT id FROM stock_transfer WHERE store_id = $1 ORDER BY id`, [storeId]),
    variants: await owner.query(`SELECT variant_id, listed, product_version FROM catalog_variant WHERE store_id = $1 ORDER BY variant_id`, [storeId]),
  });
  const defaultLocation = async (storeId: string): Promise<string> =>
    (await owner.query(`SELECT id FROM location WHERE store_id = $1 AND is_default`, [storeId]))[0].id;
  const eventsCausedBy = async (event: EventEnvelope): Promise<{ type: string; storeId: string }[]> =>
    (await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'causationId' = $1 ORDER BY seq`, [event.id])).map(
      (row: { envelope: { type: string; storeId: string } }) => ({ type: row.envelope.type, storeId: row.envelope.storeId }),
    );

  beforeAll(async () => {
    // the expiry sweep every 100 ms, so the test does not wait for the default five seconds
    inventory = await startTestSubgraph({
      ...inventorySubgraph,
      jobs: [reservationExpiryJob({ ttlSeconds: 900, guestTtlSeconds: 300, sweepIntervalMs: 100 })],
    });
    owner = await openOwnerConnection(inventory.runtime.config);
    for (const [storeId, merchant] of [
      [storeA, merchantA],
      [storeB, merchantB],
    ]) {
      productOf[storeId] = randomUUID();
      await handled(await publish('catalog.product-created', storeId, { productId: productOf[storeId] }));
      expect((await adjust(merchant, productOf[storeId], 10)).data.adjustStock).toMatchObject({ userErrors: [] });
      const created = await inventory
        .client(merchant)
        .rawRequest<{ createLocation: { location: { id: string } } }>(CREATE_LOCATION, { input: { name: 'Back room', code: 'back', priority: 5 } });
      locationOf[storeId] = created.data.createLocation.location.id;
      const moved = await inventory.client(merchant).rawRequest<{ transferStock: { userErrors: unknown[] } }>(TRANSFER, {
        input: {
          variantId: productOf[storeId],
          fromLocationId: await defaultLocation(storeId),
          toLocationId: locationOf[storeId],
          quantity: 1,
          reason: 'shelf',
          idempotencyKey: randomUUID(),
        },
      });
      expect(moved.data.transferStock.userErrors).toEqual([]);
      orderOf[storeId] = randomUUID();
      await handled(
        await publish('orders.created', storeId, { orderId: orderOf[storeId], orderNumber: '#1001', lines: [{ productId: productOf[storeId], quantity: 2 }] }),
      );
    }
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('has rows of both stores in every tenant-owned table', async () => {
    for (const storeId of [storeA, storeB]) {
      const rows = await snapshot(storeId);
      expect([rows.items.length, rows.adjustments.length, rows.reservations.length, rows.lines.length]).toEqual([2, 3, 1, 1]);
      expect([rows.locations.length, rows.transfers.length, rows.variants.length]).toEqual([2, 1, 1]);
    }
  });

  it.each(TABLES)('row-level security on %s: no store, no rows; a store sees only its own and cannot write another’s', async (table) => {
    const { dataSource } = inventory.runtime;
    await expect(dataSource.query(`SELECT * FROM ${table}`)).rejects.toThrow(/no store scope/);
    const seen: { store_id: string }[] = await inScope(dataSource, storeA, (manager) => manager.query(`SELECT store_id FROM ${table}`));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((row) => row.store_id === storeA)).toBe(true);
    // a copy of store A's row, moved to store B, inserted from store A's transaction
    const smuggle = inScope(dataSource, storeA, async (manager) => {
      const [row] = await manager.query(`SELECT * FROM ${table} LIMIT 1`);
      const copy = {
        ...row,
        store_id: storeB,
        ...('id' in row ? { id: randomUUID() } : {}),
        ...(table === 'inventory_item' ? { product_id: randomUUID(), variant_id: randomUUID() } : {}),
        ...(table === 'catalog_variant' ? { variant_id: randomUUID() } : {}),
        ...(table === 'product_stock_version' ? { product_id: randomUUID() } : {}),
      };
      if (table === 'stock_adjustment' || table === 'stock_transfer') copy.idempotency_key = randomUUID();
      if (table === 'location') copy.code = `smuggled-${randomUUID().slice(0, 8)}`;
      if (table === 'reservation') copy.order_id = randomUUID();
      if (table === 'reservation_line') copy.product_id = randomUUID();
      const columns = Object.keys(copy);
      await manager.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
        columns.map((column) => copy[column]),
      );
    });
    await expect(smuggle).rejects.toThrow(/row-level security/);
  });

  it('resolves none of store B’s products for store A’s merchant through _entities', async () => {
    const seen = await inventory
      .client(merchantA)
      .rawRequest<{ _entities: unknown[] }>(ENTITIES, { representations: [{ __typename: 'Product', id: productOf[storeB] }] });
    // the same answer as for a product nobody stocks: nothing of store B's
    expect(seen.data._entities).toEqual([{ id: productOf[storeB], stock: 0, inventory: null }]);
    const own = await inventory
      .client(merchantA)
      .rawRequest<{ _entities: unknown[] }>(ENTITIES, { representations: [{ __typename: 'Product', id: productOf[storeA] }] });
    expect(own.data._entities).toEqual([{ id: productOf[storeA], stock: 8, inventory: { onHand: 10 } }]);
    const variants = await inventory.client(merchantA).rawRequest<{ _entities: unknown[] }>(VARIANTS, {
      r: [productOf[storeB], productOf[storeA]].map((id) => ({ __typename: 'ProductVariant', id })),
    });
    expect(variants.data._entities).toEqual([
      { id: productOf[storeB], available: 0, inStock: false, inventoryLevels: null },
      { id: productOf[storeA], available: 8, inStock: true, inventoryLevels: [{ onHand: 9 }, { onHand: 1 }] },
    ]);
  });

  it('lists only the caller’s store’s inventory', async () => {
    const result = await inventory
      .client(merchantA)
      .rawRequest<{ inventory: { totalCount: number; nodes: { productId: string; storeId: string }[] } }>(INVENTORY);
    // the product's stock at its two locations
    expect(result.data.inventory).toEqual({
      totalCount: 2,
      nodes: [
        { productId: productOf[storeA], storeId: storeA },
        { productId: productOf[storeA], storeId: storeA },
      ],
    });
    const withoutStore = await inventory.client(tokenFor([Role.STORE_STAFF], null)).rawRequest(INVENTORY);
    expect(withoutStore.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists only the caller’s store’s locations', async () => {
    const result = await inventory.client(merchantA).rawRequest<{ locations: { totalCount: number; nodes: { id: string }[] } }>(LOCATIONS);
    expect(result.data.locations.nodes.map((node) => node.id).sort()).toEqual([await defaultLocation(storeA), locationOf[storeA]].sort());
    const shopper = await inventory.client(tokenFor([Role.CUSTOMER], storeA)).rawRequest(LOCATIONS);
    expect(shopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets store A’s merchant change none of store B’s locations or stock with the new operations, and changes nothing of store B', async () => {
    const before = await snapshot(storeB);
    const mutation = (name: string, payload = 'userErrors { code field }') =>
      `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${payload} } }`;
    const attempt = async (name: string, input: Record<string, unknown>) =>
      (await inventory.client(merchantA).rawRequest<Record<string, { userErrors: { code: string; field: string[] }[] }>>(mutation(name), { input })).data[name]
        .userErrors;
    const key = () => ({ reason: 'theft', idempotencyKey: randomUUID() });
    const variantB = productOf[storeB];
    expect(await attempt('updateLocation', { id: locationOf[storeB], name: 'Taken over', active: false })).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'id'] },
    ]);
    expect(await attempt('setStock', { variantId: variantB, onHand: 0, ...key() })).toEqual([{ code: 'NOT_FOUND', field: ['input', 'variantId'] }]);
    expect(await attempt('setIncoming', { variantId: variantB, incoming: 5, ...key() })).toEqual([{ code: 'NOT_FOUND', field: ['input', 'variantId'] }]);
    expect(await attempt('setLowStockThreshold', { variantId: variantB, lowStockThreshold: 99, ...key() })).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'variantId'] },
    ]);
    expect(await attempt('adjustStock', { variantId: variantB, locationId: locationOf[storeB], delta: -1, ...key() })).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'variantId'] },
    ]);
    expect(
      await attempt('transferStock', {
        variantId: variantB,
        fromLocationId: locationOf[storeB],
        toLocationId: await defaultLocation(storeB),
        quantity: 1,
        ...key(),
      }),
    ).toEqual([{ code: 'NOT_FOUND', field: ['input', 'variantId'] }]);
    // store A's own variant, but store B's locations
    const variantA = productOf[storeA];
    expect(await attempt('adjustStock', { variantId: variantA, locationId: locationOf[storeB], delta: 1, ...key() })).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'locationId'] },
    ]);
    expect(
      await attempt('transferStock', { variantId: variantA, fromLocationId: locationOf[storeA], toLocationId: locationOf[storeB], quantity: 1, ...key() }),
    ).toEqual([{ code: 'NOT_FOUND', field: ['input', 'toLocationId'] }]);
    expect(
      await attempt('transferStock', { variantId: variantA, fromLocationId: locationOf[storeB], toLocationId: locationOf[storeA], quantity: 1, ...key() }),
    ).toEqual([{ code: 'NOT_FOUND', field: ['input', 'fromLocationId'] }]);
    // naming store B makes A's merchant a shopper there, who may change no locations
    const asShopper = await inventory
      .client(merchantA, { 'x-store-id': storeB })
      .rawRequest(mutation('updateLocation', 'location { id }'), { input: { id: locationOf[storeB], name: 'Taken over' } });
    expect(asShopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // a location A creates is A's, whatever B has
    const created = await inventory.client(merchantA).rawRequest<{ createLocation: { userErrors: unknown[] } }>(CREATE_LOCATION, {
      input: { name: 'Front', code: 'front' },
    });
    expect(created.data.createLocation.userErrors).toEqual([]);
    expect(await snapshot(storeB)).toEqual(before);
  });

  it('lets store A’s merchant not adjust store B’s stock, and changes nothing of store B', async () => {
    const before = await snapshot(storeB);
    const result = await adjust(merchantA, productOf[storeB], -5);
    expect(result.data.adjustStock).toEqual({ inventoryItem: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'productId'] }] });
    // naming store B makes A's merchant a shopper there, who may not adjust stock at all
    const asShopper = await inventory.client(merchantA, { 'x-store-id': storeB }).rawRequest(ADJUST, {
      input: { productId: productOf[storeB], delta: -5, reason: 'count', idempotencyKey: randomUUID() },
    });
    expect(asShopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot(storeB)).toEqual(before);
  });

  it('reserves, commits and releases only within the event’s store', async () => {
    const before = await snapshot(storeB);
    // an order of store A naming store B's product: store A keeps no stock of it
    const crossOrder = randomUUID();
    const reserve = await publish('orders.created', storeA, {
      orderId: crossOrder,
      orderNumber: '#1002',
      lines: [{ productId: productOf[storeB], quantity: 1 }],
    });
    await handled(reserve);
    expect(await eventsCausedBy(reserve)).toEqual([{ type: 'inventory.reservation-failed', storeId: storeA }]);
    // store A's payment and cancellation naming store B's order find no reservation of store A
    const paid = await publish('payments.succeeded', storeA, { orderId: orderOf[storeB] });
    await handled(paid);
    expect(await eventsCausedBy(paid)).toEqual([{ type: 'inventory.commit-failed', storeId: storeA }]);
    await handled(await publish('orders.cancelled', storeA, { orderId: orderOf[storeB] }));
    expect(await snapshot(storeB)).toEqual(before);
  });

  it('releases expired reservations each in its own store', async () => {
    await owner.query(`UPDATE reservation SET expires_at = now() - interval '1 second' WHERE order_id = ANY($1)`, [[orderOf[storeA], orderOf[storeB]]]);
    await eventually(
      async () =>
        (
          await owner.query(`SELECT count(*)::int AS n FROM reservation WHERE order_id = ANY($1) AND status = 'RELEASED'`, [[orderOf[storeA], orderOf[storeB]]])
        )[0].n === 2,
      10_000,
      'both reservations released',
    );
    for (const storeId of [storeA, storeB]) {
      expect((await snapshot(storeId)).stock.map((item: { on_hand: number; reserved: number }) => [item.on_hand, item.reserved]).sort()).toEqual([
        [1, 0],
        [9, 0],
      ]);
      const [released] = await owner.query(
        `SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'inventory.released' AND envelope->>'aggregateId' = $1`,
        [orderOf[storeId]],
      );
      expect(released.envelope).toMatchObject({ storeId, data: { orderId: orderOf[storeId], reason: 'expired' } });
    }
  });
});
