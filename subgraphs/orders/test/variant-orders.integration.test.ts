import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import { ordersSubgraph } from '../src/orders.subgraph';
import { checkoutSnapshot, shopperFields, upstreamEvents, type CheckoutLineSpec } from './support/order-operations';

/** A variant of the tee as cart snapshots it at checkout. */
interface CatalogVariant {
  variantId: string;
  sku: string | null;
  price: { amount: number; currencyCode: string };
  options: { name: string; value: string }[];
}

const ORDER_WITH_VARIANTS = gql`
  query ($id: ID!) {
    order(id: $id) {
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

interface OrderWithLines {
  id: string;
  storeId: string;
  total: { amount: number };
  lineItems: LineResult[];
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

/** A checkout line of `variant` of the tee, as cart snapshots it. */
const teeLine = (productId: string, variant: CatalogVariant, quantity: number) => ({
  productId,
  variantId: variant.variantId,
  title: 'Heavy tee',
  variantTitle: variant.options.map((option) => option.value).join(' / '),
  sku: variant.sku,
  selectedOptions: variant.options,
  quantity,
  unitPrice: variant.price.amount,
});

describe('orders: variants in orders', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);

  /** The checkout of `lines`, recorded; the order as the store's staff read it. */
  const place = async (lines: CheckoutLineSpec[]) => {
    const { order, userErrors } = await events.checkout(storeId, checkoutSnapshot(lines, shopperFields({ customerId: randomUUID() })));
    expect(userErrors).toEqual([]);
    return (await orders.client(merchant).request<{ order: OrderWithLines }>(ORDER_WITH_VARIANTS, { id: order!.id })).order;
  };
  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('records each line’s variant as the checkout snapshotted it, and announces the lines as the contract says', async () => {
    const { productId, red, blue } = tee();
    const order = await place([teeLine(productId, blue, 3), teeLine(productId, red, 1)]);
    expect(order.lineItems).toEqual([
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
    expect(order.total.amount).toBe(3 * 2200 + 2000);
    const [event] = await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' = 'orders.created'`, [
      order.id,
    ]);
    const announced = (variant: CatalogVariant, title: string, quantity: number) => ({
      productId,
      variantId: variant.variantId,
      title: 'Heavy tee',
      variantTitle: title,
      sku: variant.sku,
      quantity,
      unitPrice: variant.price,
      discountTotal: usd(0),
      taxTotal: usd(0),
      total: usd(variant.price.amount * quantity),
      discounts: [],
    });
    expect(event.envelope.data.lines).toEqual([announced(blue, 'M / Blue', 3), announced(red, 'M / Red', 1)]);
  });

  it('follows inventory’s answers in the contract’s variant shape: allocations per line, variantIds of a failed reservation', async () => {
    const { productId, red, blue } = tee();
    const reservedOrder = await place([teeLine(productId, red, 2)]);
    const failedOrder = await place([teeLine(productId, blue, 1)]);
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
