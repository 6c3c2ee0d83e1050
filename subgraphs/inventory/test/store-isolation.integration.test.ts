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
const TABLES = ['inventory_item', 'stock_adjustment', 'reservation', 'reservation_line'];

describe('inventory: one store never sees or touches another’s stock', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  let inventory: TestSubgraph;
  let owner: DataSource;
  const productOf: Record<string, string> = {};
  const orderOf: Record<string, string> = {};

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
  });
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
      expect([rows.items.length, rows.adjustments.length, rows.reservations.length, rows.lines.length]).toEqual([1, 1, 1, 1]);
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
        ...(table === 'inventory_item' ? { product_id: randomUUID() } : {}),
      };
      if (table === 'stock_adjustment') copy.idempotency_key = randomUUID();
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
  });

  it('lists only the caller’s store’s inventory', async () => {
    const result = await inventory
      .client(merchantA)
      .rawRequest<{ inventory: { totalCount: number; nodes: { productId: string; storeId: string }[] } }>(INVENTORY);
    expect(result.data.inventory).toEqual({ totalCount: 1, nodes: [{ productId: productOf[storeA], storeId: storeA }] });
    const withoutStore = await inventory.client(tokenFor([Role.STORE_STAFF], null)).rawRequest(INVENTORY);
    expect(withoutStore.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
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
      expect((await snapshot(storeId)).items).toEqual([expect.objectContaining({ on_hand: 10, reserved: 0 })]);
      const [released] = await owner.query(
        `SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'inventory.released' AND envelope->>'aggregateId' = $1`,
        [orderOf[storeId]],
      );
      expect(released.envelope).toMatchObject({ storeId, data: { orderId: orderOf[storeId], reason: 'expired' } });
    }
  });
});
