import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { envelopeFor, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { inventorySubgraph } from '../src/inventory.subgraph';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';

const ADJUST = gql`
  mutation ($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      inventoryItem {
        productId
        onHand
        reserved
        available
      }
      product {
        id
      }
      userErrors {
        code
        field
        message
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
        inStock
        inventory {
          onHand
          lowStockThreshold
        }
      }
    }
  }
`;

interface AdjustResult {
  adjustStock: {
    inventoryItem: { productId: string; onHand: number; reserved: number; available: number } | null;
    userErrors: { code: string; field: string[] | null; message: string }[];
  };
}
type StockEntity = { id: string; stock: number; inStock: boolean; inventory: { onHand: number; lowStockThreshold: number } | null };

describe('inventory subgraph', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  let inventory: TestSubgraph;
  let owner: DataSource;

  /** Counts across every store, as the database owner (the subgraph's own connection sees one store per transaction). */
  const count = async (sql: string, parameters: unknown[] = []) => Number((await owner.query(sql, parameters))[0].n);
  const adjust = (input: Record<string, unknown>, token = merchant) =>
    inventory.client(token).rawRequest<AdjustResult>(ADJUST, { input: { reason: 'test', idempotencyKey: randomUUID(), ...input } });
  const entities = async (ids: string[], token = merchant) =>
    (
      await inventory
        .client(token)
        .rawRequest<{ _entities: (StockEntity | null)[] }>(ENTITIES, { representations: ids.map((id) => ({ __typename: 'Product', id })) })
    ).data._entities;

  /** What catalog publishes when a product is created, sent straight to JetStream. */
  const productCreated = async (productId = randomUUID(), msgID?: string) => {
    const { js, names } = inventory.runtime;
    const event = envelopeFor(
      { type: 'catalog.product-created', storeId, aggregateId: productId, data: { productId } },
      { correlationId: randomUUID(), causationId: null },
    );
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: msgID ?? event.id });
    return { productId, event };
  };
  const stockedProduct = async (units: number) => {
    const { productId } = await productCreated();
    await eventually(
      async () => (await count(`SELECT count(*) AS n FROM inventory_item WHERE product_id = $1`, [productId])) === 1,
      10_000,
      'the inventory item',
    );
    if (units > 0) expect((await adjust({ productId, delta: units })).data.adjustStock.userErrors).toEqual([]);
    return productId;
  };

  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph);
    owner = await openOwnerConnection(inventory.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await inventory?.close();
  });

  it('creates an empty inventory item for each new catalog product, once even if the event comes again', async () => {
    const { productId, event } = await productCreated();
    await eventually(async () => (await count(`SELECT count(*) AS n FROM inventory_item WHERE product_id = $1`, [productId])) === 1, 10_000, 'the item');
    await inventory.runtime.js.publish(inventory.runtime.names.subject(event.type), JSON.stringify(event), { msgID: `${event.id}-again` });
    await eventually(async () => (await count(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [event.id])) === 1, 5_000, 'the record');
    const [entity] = await entities([productId]);
    expect(entity).toEqual({ id: productId, stock: 0, inStock: false, inventory: { onHand: 0, lowStockThreshold: 5 } });
  });

  it('adds and removes stock but never below zero, and publishes each change', async () => {
    const productId = await stockedProduct(10);
    const removed = await adjust({ productId, delta: -4 });
    expect(removed.data.adjustStock.inventoryItem).toEqual({ productId, onHand: 6, reserved: 0, available: 6 });
    const tooMany = await adjust({ productId, delta: -7 });
    expect(tooMany.data.adjustStock).toMatchObject({ inventoryItem: null, userErrors: [{ code: 'INSUFFICIENT_STOCK', field: ['input', 'delta'] }] });
    expect((await entities([productId]))[0]?.stock).toBe(6);

    const events: { type: string; data: { onHand: number; delta: number } }[] = (
      await inventory.runtime.dataSource.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 ORDER BY seq`, [productId])
    ).map((row: { envelope: unknown }) => row.envelope);
    expect(events.filter((event) => event.type === 'inventory.stock-changed').map((event) => [event.data.delta, event.data.onHand])).toEqual([
      [10, 10],
      [-4, 6],
    ]);
  });

  it('raises one low-stock alert when available stock falls to the threshold', async () => {
    const productId = await stockedProduct(8);
    await adjust({ productId, delta: -2 }); // 6: above the threshold of 5
    await adjust({ productId, delta: -2 }); // 4: crosses it
    await adjust({ productId, delta: -1 }); // 3: already below, no new alert
    const lowStock = await count(`SELECT count(*) AS n FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' = 'inventory.low-stock'`, [
      productId,
    ]);
    expect(lowStock).toBe(1);
  });

  it('treats a repeated idempotency key as the same request', async () => {
    const productId = await stockedProduct(0);
    const idempotencyKey = randomUUID();
    const first = await adjust({ productId, delta: 5, idempotencyKey });
    const again = await adjust({ productId, delta: 5, idempotencyKey });
    expect(again.data.adjustStock.inventoryItem).toEqual(first.data.adjustStock.inventoryItem);
    expect((await entities([productId]))[0]?.stock).toBe(5);
    const misuse = await adjust({ productId, delta: 6, idempotencyKey });
    expect(misuse.data.adjustStock.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count(`SELECT count(*) AS n FROM stock_adjustment WHERE idempotency_key = $1`, [idempotencyKey])).toBe(1);
  });

  it('sells the last units exactly once under concurrent removals', async () => {
    const productId = await stockedProduct(10);
    const results = await Promise.all(Array.from({ length: 30 }, () => adjust({ productId, delta: -1 })));
    const succeeded = results.filter((result) => result.data.adjustStock.userErrors.length === 0);
    const refused = results.filter((result) => result.data.adjustStock.userErrors[0]?.code === 'INSUFFICIENT_STOCK');
    expect(succeeded).toHaveLength(10);
    expect(refused).toHaveLength(20);
    expect((await entities([productId]))[0]?.stock).toBe(0);
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const productId = await stockedProduct(3);
    const adjustments = await count(`SELECT count(*) AS n FROM stock_adjustment`);
    const result = await inventory.client(merchant).rawRequest(ADJUST, { input: { productId: 'not-a-uuid', delta: 0, reason: '', idempotencyKey: '' } });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors![0].extensions!.fields as { field: string[] }[]).map((field) => field.field.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['input.productId', 'input.delta', 'input.reason', 'input.idempotencyKey']));
    expect(await count(`SELECT count(*) AS n FROM stock_adjustment`)).toBe(adjustments);
    expect((await entities([productId]))[0]?.stock).toBe(3);
  });

  it('keeps one store’s stock away from another store’s staff', async () => {
    const productId = await stockedProduct(4);
    const otherMerchant = tokenFor([Role.MERCHANT], randomUUID());
    const result = await adjust({ productId, delta: -4 }, otherMerchant);
    expect(result.data.adjustStock.userErrors[0].code).toBe('NOT_FOUND');
    // another store keeps no stock of this product: there it reads as unstocked, with no details
    expect(await entities([productId], otherMerchant)).toEqual([expect.objectContaining({ stock: 0, inStock: false, inventory: null })]);
    expect((await entities([productId]))[0]).toMatchObject({ stock: 4, inventory: { onHand: 4 } });
    const customer = await adjust({ productId, delta: 1 }, tokenFor([Role.CUSTOMER], storeId));
    expect(customer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('loads stock for many products with one read', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => stockedProduct(1)));
    const statements = async () => {
      const metric = await inventory.runtime.registry.getSingleMetric('db_statements_total')!.get();
      return metric.values.find((value) => value.labels.source === 'request')?.value ?? 0;
    };
    const before = await statements();
    const resolved = await entities([...ids, randomUUID()]);
    expect(resolved.map((entity) => entity?.stock ?? null)).toEqual([1, 1, 1, 1, 1, 0]);
    // one read transaction: BEGIN, the store scope, the SELECT, COMMIT
    expect((await statements()) - before).toBe(4);
  });
});
