import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { ordersSubgraph } from '../src/orders.subgraph';
import { checkoutSnapshot, shopperFields, upstreamEvents, type CheckoutSnapshot } from './support/order-operations';

const FULL_ORDER = gql`
  query ($id: ID!) {
    order(id: $id) {
      id
      orderNumber
      customerId
      email
      note
      status
      shippingAddress {
        name
        line1
        line2
        city
        province
        postalCode
        countryCode
        phone
      }
      billingAddress {
        name
        company
        line1
        line2
        city
        province
        postalCode
        countryCode
        phone
      }
      subtotal {
        amount
        currencyCode
      }
      discountTotal {
        amount
      }
      shippingTotal {
        amount
      }
      taxTotal {
        amount
      }
      total {
        amount
      }
      taxLines {
        title
        rateBasisPoints
        amount {
          amount
          currencyCode
        }
      }
      discountApplications {
        title
        code
        amount {
          amount
        }
      }
      shippingLine {
        title
        amount {
          amount
        }
      }
      lineItems {
        variantId
        quantity
        unitPrice {
          amount
        }
        lineTotal {
          amount
        }
        discountTotal {
          amount
        }
        taxTotal {
          amount
        }
      }
      statusHistory {
        status
      }
    }
  }
`;

/**
 * A checkout cart's engine priced in full: a 10% code on a line, an automatic free-shipping promotion,
 * two tax lines, a chosen shipping rate, a billing address and a note.
 */
function pricedCheckout(customerId: string): CheckoutSnapshot {
  const [shirt, mug] = [randomUUID(), randomUUID()];
  const code = { promotionId: randomUUID(), code: 'TEN', title: '10% off shirts', amount: 400 };
  const freeShipping = { promotionId: randomUUID(), code: null, title: 'Free shipping over 50', amount: 599 };
  const base = checkoutSnapshot(
    [
      { productId: shirt, quantity: 2, unitPrice: 2000 },
      { productId: mug, quantity: 1, unitPrice: 1250 },
    ],
    shopperFields({ customerId }),
  );
  return {
    ...base,
    email: 'ada@example.com',
    note: 'Leave it with the neighbour',
    billingAddress: {
      name: 'Ada Lovelace',
      company: 'Analytical Engines Ltd',
      line1: '12 St James’s Square',
      line2: null,
      city: 'London',
      province: null,
      postalCode: 'SW1Y 4JH',
      countryCode: 'GB',
      phone: '+44 20 7946 0000',
    },
    lines: [
      { ...base.lines[0], title: 'Shirt', subtotal: 4000, discountTotal: 400, taxTotal: 288, total: 3888, discounts: [code] },
      { ...base.lines[1], title: 'Mug', subtotal: 1250, discountTotal: 0, taxTotal: 100, total: 1350 },
    ],
    subtotal: 5250,
    discountTotal: 999,
    shippingTotal: 599,
    taxTotal: 388,
    total: 5238,
    taxLines: [
      { title: 'State tax', rateBasisPoints: 625, amount: 304 },
      { title: 'City tax', rateBasisPoints: 175, amount: 84 },
    ],
    shippingLine: { rateId: randomUUID(), title: 'Standard', amount: 599 },
    discounts: [code, freeShipping],
  };
}

describe('orders: recording cart’s checkouts (cart.checkout-completed)', () => {
  let orders: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => orders);

  const createdEvents = async (orderId: string) =>
    owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'orders.created' AND envelope->>'aggregateId' = $1`, [orderId]);
  const refusedEvents = async (orderId: string) =>
    owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'orders.checkout-refused' AND envelope->>'aggregateId' = $1`, [orderId]);
  const rowsOf = async (orderId: string) => ({
    orders: await owner.query(`SELECT id FROM customer_order WHERE id = $1`, [orderId]),
    lines: await owner.query(`SELECT id FROM order_line_item WHERE order_id = $1`, [orderId]),
    history: await owner.query(`SELECT id FROM order_status_change WHERE order_id = $1`, [orderId]),
  });

  beforeAll(async () => {
    orders = await startTestSubgraph(ordersSubgraph);
    owner = await openOwnerConnection(orders.runtime.config);
  });
  afterAll(async () => {
    await owner?.destroy();
    await orders?.close();
  });

  it('writes the order with the checkout’s id and exactly its totals, lines, tax lines, discounts, shipping line, billing address and note', async () => {
    const storeId = randomUUID();
    const customerId = randomUUID();
    const snapshot = pricedCheckout(customerId);
    const { order } = await events.checkout(storeId, snapshot);
    expect(order?.id).toBe(snapshot.orderId);
    const read = await orders.client(tokenFor([Role.CUSTOMER], storeId, customerId)).request<{ order: Record<string, unknown> }>(FULL_ORDER, {
      id: snapshot.orderId,
    });
    expect(read.order).toEqual({
      id: snapshot.orderId,
      orderNumber: '#1001',
      customerId,
      email: 'ada@example.com',
      note: 'Leave it with the neighbour',
      status: 'CREATED',
      shippingAddress: snapshot.shippingAddress,
      billingAddress: snapshot.billingAddress,
      subtotal: { amount: 5250, currencyCode: 'USD' },
      discountTotal: { amount: 999 },
      shippingTotal: { amount: 599 },
      taxTotal: { amount: 388 },
      total: { amount: 5238 },
      taxLines: [
        { title: 'State tax', rateBasisPoints: 625, amount: { amount: 304, currencyCode: 'USD' } },
        { title: 'City tax', rateBasisPoints: 175, amount: { amount: 84, currencyCode: 'USD' } },
      ],
      discountApplications: [
        { title: '10% off shirts', code: 'TEN', amount: { amount: 400 } },
        { title: 'Free shipping over 50', code: null, amount: { amount: 599 } },
      ],
      shippingLine: { title: 'Standard', amount: { amount: 599 } },
      lineItems: [
        {
          variantId: snapshot.lines[0].variantId,
          quantity: 2,
          unitPrice: { amount: 2000 },
          lineTotal: { amount: 4000 },
          discountTotal: { amount: 400 },
          taxTotal: { amount: 288 },
        },
        {
          variantId: snapshot.lines[1].variantId,
          quantity: 1,
          unitPrice: { amount: 1250 },
          lineTotal: { amount: 1250 },
          discountTotal: { amount: 0 },
          taxTotal: { amount: 100 },
        },
      ],
      statusHistory: [{ status: 'CREATED' }],
    });
    const usd = (amount: number) => ({ amount, currencyCode: 'USD' });
    const [created] = await createdEvents(snapshot.orderId);
    expect(created.envelope).toMatchObject({ storeId, aggregateId: snapshot.orderId, aggregateVersion: 1 });
    expect(created.envelope.data).toMatchObject({
      orderId: snapshot.orderId,
      orderNumber: '#1001',
      customerId,
      email: 'ada@example.com',
      cartId: snapshot.cartId,
      note: 'Leave it with the neighbour',
      billingAddress: snapshot.billingAddress,
      pricesIncludeTax: false,
      subtotal: usd(5250),
      discountTotal: usd(999),
      shippingTotal: usd(599),
      taxTotal: usd(388),
      total: usd(5238),
      taxLines: [
        { title: 'State tax', rateBasisPoints: 625, amount: usd(304) },
        { title: 'City tax', rateBasisPoints: 175, amount: usd(84) },
      ],
      discounts: snapshot.discounts.map((discount) => ({ ...discount, amount: usd(discount.amount) })),
      shippingLine: { rateId: snapshot.shippingLine!.rateId, title: 'Standard', amount: usd(599) },
    });
    expect(created.envelope.data.lines[0]).toMatchObject({ unitPrice: usd(2000), discountTotal: usd(400), taxTotal: usd(288), total: usd(3888) });
  });

  it('creates one order for a redelivered checkout, and nothing new for another event of the same order id', async () => {
    const storeId = randomUUID();
    const snapshot = checkoutSnapshot([{ productId: randomUUID() }], shopperFields({ address: '203.0.113.50' }));
    const event = await events.publishCheckout(storeId, snapshot);
    await events.handled(storeId, event.id, 'the checkout recorded');
    // the same envelope again under another message id (JetStream would have dropped the same one): a redelivery
    const { js, names } = orders.runtime;
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: randomUUID() });
    // and cart announcing the same order again in a new event
    const again = await events.publishCheckout(storeId, { ...snapshot });
    await events.handled(storeId, again.id, 'the second checkout event handled');
    expect((await rowsOf(snapshot.orderId)).orders).toHaveLength(1);
    expect((await rowsOf(snapshot.orderId)).lines).toHaveLength(1);
    expect((await rowsOf(snapshot.orderId)).history).toHaveLength(1);
    expect(await createdEvents(snapshot.orderId)).toHaveLength(1);
    expect(await refusedEvents(snapshot.orderId)).toHaveLength(0);
    expect((await owner.query(`SELECT last_number FROM store_order_counter WHERE store_id = $1`, [storeId]))[0].last_number).toBe(1001);
  });

  it('refuses an idempotency key another order of the store used: no order, one orders.checkout-refused, final for that order id', async () => {
    const storeId = randomUUID();
    const first = checkoutSnapshot([{ productId: randomUUID() }], shopperFields({ customerId: randomUUID() }));
    expect((await events.checkout(storeId, first)).order?.id).toBe(first.orderId);
    const reused = checkoutSnapshot([{ productId: randomUUID() }], { ...shopperFields({ customerId: randomUUID() }), idempotencyKey: first.idempotencyKey });
    expect(await events.checkout(storeId, reused)).toEqual({
      order: null,
      userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'], message: expect.stringMatching(/already used/) }],
    });
    expect(await rowsOf(reused.orderId)).toEqual({ orders: [], lines: [], history: [] });
    const [refused] = await refusedEvents(reused.orderId);
    expect(refused.envelope).toMatchObject({ storeId, aggregateId: reused.orderId, aggregateVersion: 0 });
    expect(refused.envelope.data).toEqual({
      orderId: reused.orderId,
      cartId: reused.cartId,
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: ['input', 'idempotencyKey'],
      message: 'This idempotency key was already used for another checkout',
    });
    // announced again with a fresh key, which would now be accepted: a refusal is final for its order id, and told once
    const again = await events.publishCheckout(storeId, { ...reused, idempotencyKey: randomUUID() });
    await events.handled(storeId, again.id, 'the refused checkout announced again');
    expect(await rowsOf(reused.orderId)).toEqual({ orders: [], lines: [], history: [] });
    expect(await refusedEvents(reused.orderId)).toHaveLength(1);
    expect(Number((await owner.query(`SELECT count(*) AS n FROM customer_order WHERE store_id = $1`, [storeId]))[0].n)).toBe(1);
  });

  it('records an address as cart gives it: a blank name, no postal code (a country without one), no billing address', async () => {
    const storeId = randomUUID();
    const address = {
      name: '',
      line1: '1 Queen’s Road Central',
      line2: null,
      city: 'Hong Kong',
      province: null,
      postalCode: null,
      countryCode: 'HK',
      phone: null,
    };
    const snapshot = checkoutSnapshot([{ productId: randomUUID() }], { ...shopperFields({ address: '203.0.113.60' }), shippingAddress: address });
    const { order } = await events.checkout(storeId, snapshot);
    const read = await orders
      .client(tokenFor([Role.MERCHANT], storeId))
      .request<{ order: { shippingAddress: unknown; billingAddress: unknown } }>(FULL_ORDER, { id: order!.id });
    expect(read.order).toMatchObject({ shippingAddress: address, billingAddress: null });
  });

  it('parks a malformed checkout on the dead-letter subject, writing nothing', async () => {
    const storeId = randomUUID();
    const bad = { ...checkoutSnapshot([{ productId: randomUUID() }]), total: -1, lines: [] };
    const event = await events.publishCheckout(storeId, bad as unknown as CheckoutSnapshot);
    const { jsm, names } = orders.runtime;
    await eventually(
      async () => {
        const message = await jsm.streams
          .getMessage(names.stream('deadletter'), { last_by_subj: names.deadLetterSubject(names.durable('orders-create-from-checkout')) })
          .catch(() => null);
        return message !== null && JSON.parse(message.string()).id === event.id;
      },
      10_000,
      'the dead-lettered checkout',
    );
    expect(await rowsOf(bad.orderId)).toEqual({ orders: [], lines: [], history: [] });
    expect(await refusedEvents(bad.orderId)).toHaveLength(0);
  });
});
