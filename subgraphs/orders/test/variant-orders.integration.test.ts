import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { ordersSubgraph } from '../src/orders.subgraph';
import { shippingAddress, upstreamEvents, type CatalogVariant } from './support/order-operations';

const PLACE_ORDER_WITH_VARIANTS = gql`
  mutation ($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      order {
        id
        storeId
        total {
          amount
        }
        lineItems {
          productId
          variantId
          title
          variantTitle
          sku
          selectedOptions {
            name
            value
          }
          quantity
          unitPrice {
            amount
            currencyCode
          }
          product {
            id
          }
          variant {
            id
          }
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;

interface LineResult {
  productId: string;
  variantId: string;
  title: string;
  variantTitle: string;
  sku: string | null;
  selectedOptions: { name: string; value: string }[];
  quantity: number;
  unitPrice: { amount: number; currencyCode: string };
  product: { id: string };
  variant: { id: string };
}

interface PlaceResult {
  order: { id: string; storeId: string; total: { amount: number }; lineItems: LineResult[] } | null;
  userErrors: { code: string; field: string[] | null; message: string }[];
}

const usd = (amount: number) => ({ amount, currencyCode: 'USD' });

/** A 1 × 2 T-shirt (Size M; Colour Red or Blue), each variant with its own SKU and price. */
function tee(): { productId: string; red: CatalogVariant; blue: CatalogVariant } {
  const productId = randomUUID();
  return {
    productId,
    // the default variant became the first combination: it keeps the product's id (the contract)
    red: {
      variantId: productId,
      sku: `TEE-M-RED-${productId.slice(0, 4)}`,
      price: usd(2000),
      options: [
        { name: 'Size', value: 'M' },
        { name: 'Colour', value: 'Red' },
      ],
    },
    blue: {
      variantId: randomUUID(),
      sku: `TEE-M-BLUE-${productId.slice(0, 4)}`,
      price: usd(2200),
      options: [
        { name: 'Size', value: 'M' },
        { name: 'Colour', value: 'Blue' },
      ],
    },
  };
}

describe('orders: placing orders by variant', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  const storeId = randomUUID();
  const shopper = tokenFor([Role.CUSTOMER], storeId, randomUUID());

  const placeRaw = (token: string, store: string, items: Record<string, unknown>[], idempotencyKey = randomUUID()) =>
    orders
      .client(token, { 'x-store-id': store })
      .rawRequest<{ placeOrder: PlaceResult }>(PLACE_ORDER_WITH_VARIANTS, { input: { items, email: 'shopper@example.com', shippingAddress, idempotencyKey } });
  const place = async (items: Record<string, unknown>[], token = shopper, store = storeId) => {
    const result = await placeRaw(token, store, items);
    expect(result.errors).toBeUndefined();
    return result.data.placeOrder;
  };
  /** What a refused checkout must leave untouched: the store's orders, lines, order numbers and events. */
  const written = async (store: string) => ({
    orders: await owner.query(`SELECT id FROM customer_order WHERE store_id = $1 ORDER BY id`, [store]),
    lines: await owner.query(`SELECT id FROM order_line_item WHERE store_id = $1 ORDER BY id`, [store]),
    counter: await owner.query(`SELECT last_number FROM store_order_counter WHERE store_id = $1`, [store]),
    events: await owner.query(`SELECT id FROM outbox_event WHERE envelope->>'storeId' = $1 ORDER BY id`, [store]),
  });
  const variantRow = async (variantId: string) =>
    (await owner.query(`SELECT product_id, title, sku, price_amount, listed, version FROM variant_snapshot WHERE variant_id = $1`, [variantId]))[0] as
      { product_id: string; title: string; sku: string | null; price_amount: string; listed: boolean; version: number } | undefined;

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('sells a variant by its id, priced and snapshotted from that variant, and announces the line as the contract says', async () => {
    const { productId, red, blue } = tee();
    await events.productEvent(storeId, productId, 1, [red, blue], { title: 'Heavy tee' });

    const placed = await place([
      { variantId: blue.variantId, quantity: 2 },
      { variantId: red.variantId, quantity: 1 },
      { variantId: blue.variantId, quantity: 1 },
    ]);
    expect(placed.userErrors).toEqual([]);
    expect(placed.order!.lineItems).toEqual([
      {
        productId,
        variantId: blue.variantId,
        title: 'Heavy tee',
        variantTitle: 'M / Blue',
        sku: blue.sku,
        selectedOptions: blue.options,
        quantity: 3,
        unitPrice: usd(2200),
        product: { id: productId },
        variant: { id: blue.variantId },
      },
      {
        productId,
        variantId: red.variantId,
        title: 'Heavy tee',
        variantTitle: 'M / Red',
        sku: red.sku,
        selectedOptions: red.options,
        quantity: 1,
        unitPrice: usd(2000),
        product: { id: productId },
        variant: { id: red.variantId },
      },
    ]);
    const [event] = await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' = 'orders.created'`, [
      placed.order!.id,
    ]);
    expect(event.envelope.data.lines).toEqual([
      { productId, variantId: blue.variantId, title: 'Heavy tee', variantTitle: 'M / Blue', sku: blue.sku, quantity: 3, unitPrice: usd(2200) },
      { productId, variantId: red.variantId, title: 'Heavy tee', variantTitle: 'M / Red', sku: red.sku, quantity: 1, unitPrice: usd(2000) },
    ]);
    // the snapshot stays what was sold when the catalog changes the variant afterwards
    await events.productEvent(storeId, productId, 2, [{ ...blue, price: usd(9900), sku: 'RENAMED' }, red]);
    const [line] = await owner.query(`SELECT sku, unit_price_amount FROM order_line_item WHERE order_id = $1 AND variant_id = $2`, [
      placed.order!.id,
      blue.variantId,
    ]);
    expect(line).toEqual({ sku: blue.sku, unit_price_amount: '2200' });
  });

  it('sells a product with one variant by its productId: an event without variants is the default variant, whose id is the product’s', async () => {
    const productId = await events.product(storeId, 1500);
    const placed = await place([{ productId, quantity: 2 }]);
    expect(placed.userErrors).toEqual([]);
    expect(placed.order!.lineItems).toEqual([
      expect.objectContaining({
        productId,
        variantId: productId,
        title: expect.stringMatching(/^Kettle/),
        variantTitle: 'Default',
        sku: null,
        selectedOptions: [],
      }),
    ]);
    expect(placed.order!.total.amount).toBe(3000);
    // the same default variant by its variant id, and a product listing one non-default variant by productId
    expect((await place([{ variantId: productId, quantity: 1 }])).order!.lineItems[0]).toMatchObject({ productId, variantId: productId });
    const { productId: single, red } = tee();
    await events.productEvent(storeId, single, 1, [red]);
    expect((await place([{ productId: single, quantity: 1 }])).order!.lineItems[0]).toMatchObject({ variantId: red.variantId, variantTitle: 'M / Red' });
  });

  it('refuses the productId of a product with several variants with VARIANT_REQUIRED naming it, writing nothing', async () => {
    const { productId, red, blue } = tee();
    await events.productEvent(storeId, productId, 1, [red, blue]);
    const kettle = await events.product(storeId);
    const before = await written(storeId);
    const refused = await place([
      { productId: kettle, quantity: 1 },
      { productId, quantity: 1 },
    ]);
    expect(refused).toEqual({
      order: null,
      userErrors: [{ code: 'VARIANT_REQUIRED', field: ['input', 'items', '1', 'productId'], message: expect.stringContaining(productId) }],
    });
    expect(await written(storeId)).toEqual(before);
  });

  it('refuses an unknown, unlisted, unpublished or inactive product’s variant as PRODUCT_NOT_AVAILABLE, writing nothing', async () => {
    const { productId, red, blue } = tee();
    await events.productEvent(storeId, productId, 1, [red, blue]);
    // the merchant deletes the blue variant: the next event no longer lists it
    await events.productEvent(storeId, productId, 2, [red]);
    expect(await variantRow(blue.variantId)).toMatchObject({ listed: false, version: 2 });
    const scheduled = tee();
    await events.productEvent(storeId, scheduled.productId, 1, [scheduled.red], { publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
    const draft = tee();
    await events.productEvent(storeId, draft.productId, 1, [draft.red], { status: 'DRAFT' });

    const before = await written(storeId);
    for (const variantId of [randomUUID(), blue.variantId, scheduled.red.variantId, draft.red.variantId]) {
      expect(
        await place([
          { variantId: red.variantId, quantity: 1 },
          { variantId, quantity: 1 },
        ]),
      ).toEqual({
        order: null,
        userErrors: [{ code: 'PRODUCT_NOT_AVAILABLE', field: ['input', 'items', '1', 'variantId'], message: expect.stringContaining(variantId) }],
      });
    }
    for (const product of [randomUUID(), scheduled.productId, draft.productId]) {
      expect((await place([{ productId: product, quantity: 1 }])).userErrors).toEqual([
        { code: 'PRODUCT_NOT_AVAILABLE', field: ['input', 'items', '0', 'productId'], message: expect.stringContaining(product) },
      ]);
    }
    expect(await written(storeId)).toEqual(before);
    // with blue gone the product has one listed variant again: its productId sells red
    expect((await place([{ productId, quantity: 1 }])).order!.lineItems[0].variantId).toBe(red.variantId);
    // listed again, blue sells again
    await events.productEvent(storeId, productId, 3, [red, blue]);
    expect((await place([{ variantId: blue.variantId, quantity: 1 }])).userErrors).toEqual([]);
  });

  it('refuses an item naming both a variant and a product, or neither, with BAD_USER_INPUT, writing nothing', async () => {
    const { productId, red } = tee();
    await events.productEvent(storeId, productId, 1, [red]);
    const before = await written(storeId);
    for (const item of [{ productId, variantId: red.variantId, quantity: 1 }, { quantity: 1 }]) {
      const refused = await placeRaw(shopper, storeId, [{ variantId: red.variantId, quantity: 1 }, item]);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: ['input', 'items', '1'], message: 'give exactly one of variantId and productId' }],
      });
    }
    expect(await written(storeId)).toEqual(before);
  });

  it('keeps the newest event’s variants: an older event arriving late changes nothing, not even a variant only it lists', async () => {
    const { productId, red, blue } = tee();
    await events.productEvent(storeId, productId, 3, [{ ...red, price: usd(3000) }], { type: 'catalog.product-updated' });
    await events.productEvent(storeId, productId, 2, [{ ...red, price: usd(1000) }, blue], { type: 'catalog.product-updated' });
    await events.productEvent(storeId, productId, 1, [red, blue], { type: 'catalog.product-created' });
    expect(await variantRow(red.variantId)).toMatchObject({ price_amount: '3000', listed: true, version: 3 });
    expect(await variantRow(blue.variantId)).toBeUndefined();
    const placed = await place([{ variantId: red.variantId, quantity: 1 }]);
    expect(placed.order!.lineItems[0].unitPrice).toEqual(usd(3000));
    expect((await place([{ variantId: blue.variantId, quantity: 1 }])).userErrors[0].code).toBe('PRODUCT_NOT_AVAILABLE');
  });

  it('counts the line maximum per variant, and refuses variants priced in different currencies', async () => {
    const { productId, red, blue } = tee();
    await events.productEvent(storeId, productId, 1, [red, blue]);
    expect(
      (
        await place([
          { variantId: red.variantId, quantity: 60 },
          { productId: await events.product(storeId), quantity: 1 },
          { variantId: red.variantId, quantity: 41 },
        ])
      ).userErrors,
    ).toEqual([expect.objectContaining({ code: 'QUANTITY_TOO_LARGE', message: expect.stringContaining(red.variantId) })]);
    expect(
      (
        await place([
          { variantId: red.variantId, quantity: 100 },
          { variantId: blue.variantId, quantity: 100 },
        ])
      ).userErrors,
    ).toEqual([]);
    const euro = tee();
    await events.productEvent(storeId, euro.productId, 1, [{ ...euro.red, price: { amount: 1800, currencyCode: 'EUR' } }]);
    expect(
      (
        await place([
          { variantId: red.variantId, quantity: 1 },
          { variantId: euro.red.variantId, quantity: 1 },
        ])
      ).userErrors,
    ).toEqual([expect.objectContaining({ code: 'CURRENCY_MISMATCH' })]);
  });

  it('sells no other store’s variant, by variantId or productId, and lets no other store’s event take a variant over', async () => {
    const otherStore = randomUUID();
    const otherShopper = tokenFor([Role.CUSTOMER], otherStore, randomUUID());
    const { productId, red, blue } = tee();
    await events.productEvent(storeId, productId, 1, [red, blue]);
    const single = await events.product(storeId);
    const before = await written(otherStore);
    for (const item of [{ variantId: blue.variantId }, { variantId: single }, { productId: single }]) {
      const refused = await place([{ ...item, quantity: 1 }], otherShopper, otherStore);
      expect(refused).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'PRODUCT_NOT_AVAILABLE' })] });
    }
    // this store's shopper naming the other store (X-Store-Id) does not buy this store's variant there either
    expect((await place([{ variantId: blue.variantId, quantity: 1 }], shopper, otherStore)).userErrors).toEqual([
      expect.objectContaining({ code: 'PRODUCT_NOT_AVAILABLE' }),
    ]);
    expect(await written(otherStore)).toEqual(before);

    // a product of the other store listing this store's variant id does not take the variant over: the event is parked
    const hostile = await events.publish('catalog.product-created', otherStore, randomUUID(), {
      ...(await events.productEventData(randomUUID(), [{ ...blue, price: usd(1) }])),
    });
    const { jsm, names } = orders.runtime;
    await eventually(
      async () => {
        const message = await jsm.streams
          .getMessage(names.stream('deadletter'), { last_by_subj: names.deadLetterSubject(names.durable('orders-product-created')) })
          .catch(() => null);
        return message !== null && JSON.parse(message.string()).id === hostile.id;
      },
      10_000,
      'the dead-lettered event',
    );
    expect(await variantRow(blue.variantId)).toMatchObject({ product_id: productId, price_amount: '2200', listed: true });
    expect((await place([{ variantId: blue.variantId, quantity: 1 }], otherShopper, otherStore)).userErrors).toEqual([
      expect.objectContaining({ code: 'PRODUCT_NOT_AVAILABLE' }),
    ]);
  });
  it('follows inventory’s answers in the contract’s variant shape: allocations per line, variantIds of a failed reservation', async () => {
    const { productId, red, blue } = tee();
    await events.productEvent(storeId, productId, 1, [red, blue]);
    const reservedOrder = (await place([{ variantId: red.variantId, quantity: 2 }])).order!;
    const failedOrder = (await place([{ variantId: blue.variantId, quantity: 1 }])).order!;
    const locationId = randomUUID();
    await events.publish('inventory.reserved', storeId, reservedOrder.id, {
      orderId: reservedOrder.id,
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      lines: [{ productId, variantId: red.variantId, quantity: 2, allocations: [{ locationId, quantity: 2 }] }],
    });
    await events.publish('inventory.reservation-failed', storeId, failedOrder.id, {
      orderId: failedOrder.id,
      reason: 'Not enough stock',
      productIds: [productId],
      variantIds: [blue.variantId],
    });
    const statusOf = async (orderId: string) =>
      (await owner.query(`SELECT status, reservation_status FROM customer_order WHERE id = $1`, [orderId]))[0] as {
        status: string;
        reservation_status: string;
      };
    await eventually(async () => (await statusOf(reservedOrder.id)).reservation_status === 'RESERVED', 10_000, 'the reservation applied');
    await eventually(async () => (await statusOf(failedOrder.id)).status === 'CANCELLED', 10_000, 'the failed reservation applied');
    expect(await statusOf(failedOrder.id)).toEqual({ status: 'CANCELLED', reservation_status: 'FAILED' });
  });
});
