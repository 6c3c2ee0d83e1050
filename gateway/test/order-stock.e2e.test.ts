import { randomUUID } from 'node:crypto';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { UNTHROTTLED } from './support/unthrottled';
import { Storefront } from './support/storefront';
import type { OrderSummaryFragment } from '../../schema/generated/sdk';

/** Stock reservations under concurrent checkouts: no unit is ever sold twice. */
describe('orders and stock through the gateway', () => {
  let stack: Stack;
  let store: Storefront;

  beforeAll(async () => {
    // 200 concurrent buyers and a merchant polling every order: this suite is about stock, not about
    // the query-cost budgets (gateway/test/rate-limits.e2e.test.ts is), so the budgets are out of its way
    stack = await acquireStack({ name: 'stock', env: UNTHROTTLED });
    store = new Storefront(stack);
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  /** Settled: stock reserved (or the order cancelled for the lack of it). */
  const settled = (order: OrderSummaryFragment) => order.reservationStatus !== 'PENDING';

  async function race(orders: { productId: string; quantity: number }[][]): Promise<OrderSummaryFragment[]> {
    const placed = await Promise.all(orders.map((items) => store.placeOrder(store.customer().sdk, items)));
    return store.ordersUntil(
      placed.map((order) => order.id),
      settled,
      'every order to settle',
    );
  }

  it.each([1, 2, 3])('round %i: 200 concurrent checkouts for 10 units leave exactly 10 orders holding stock', async () => {
    const productId = await store.product(`Limited edition ${randomUUID().slice(0, 8)}`, 10);
    const results = await race(Array.from({ length: 200 }, () => [{ productId, quantity: 1 }]));
    const holding = results.filter((order) => order.reservationStatus === 'RESERVED');
    const cancelled = results.filter((order) => order.status === 'CANCELLED');
    expect(holding).toHaveLength(10);
    expect(cancelled).toHaveLength(190);
    expect(cancelled.every((order) => order.reservationStatus === 'FAILED' && /Not enough stock/.test(order.cancelReason ?? ''))).toBe(true);
    expect(await store.stock(productId)).toEqual({ stock: 0, onHand: 10, reserved: 10 });
  });

  it('counts duplicate lines of one product together', async () => {
    const productId = await store.product(`Pair ${randomUUID().slice(0, 8)}`, 10);
    const results = await race(
      Array.from({ length: 40 }, () => [
        { productId, quantity: 1 },
        { productId, quantity: 1 },
      ]),
    );
    expect(results.filter((order) => order.reservationStatus === 'RESERVED')).toHaveLength(5);
    expect(await store.stock(productId)).toEqual({ stock: 0, onHand: 10, reserved: 10 });
  });

  it('serves buyers of two products in opposite orders without deadlock or oversell', async () => {
    const first = await store.product(`Left ${randomUUID().slice(0, 8)}`, 10);
    const second = await store.product(`Right ${randomUUID().slice(0, 8)}`, 10);
    const results = await race(
      Array.from({ length: 100 }, (_, index) =>
        index % 2 === 0
          ? [
              { productId: first, quantity: 1 },
              { productId: second, quantity: 1 },
            ]
          : [
              { productId: second, quantity: 1 },
              { productId: first, quantity: 1 },
            ],
      ),
    );
    expect(results.filter((order) => order.reservationStatus === 'RESERVED')).toHaveLength(10);
    expect(await store.stock(first)).toEqual({ stock: 0, onHand: 10, reserved: 10 });
    expect(await store.stock(second)).toEqual({ stock: 0, onHand: 10, reserved: 10 });
  });

  it('releases the stock of a cancelled order', async () => {
    const productId = await store.product(`Cancelled ${randomUUID().slice(0, 8)}`, 5);
    const shopper = store.customer();
    const order = await store.placeOrder(shopper.sdk, [{ productId, quantity: 3 }]);
    await store.orderUntil(order.id, (o) => o.reservationStatus === 'RESERVED', 'the reservation');
    expect((await store.stock(productId)).stock).toBe(2);

    const { cancelOrder } = await shopper.sdk.CancelOrder({ input: { orderId: order.id, reason: 'Changed my mind' } });
    expect(cancelOrder.order).toMatchObject({ status: 'CANCELLED', cancelReason: 'Changed my mind' });
    await store.orderUntil(order.id, (o) => o.reservationStatus === 'RELEASED', 'the release');
    expect(await store.stock(productId)).toEqual({ stock: 5, onHand: 5, reserved: 0 });

    const again = await shopper.sdk.CancelOrder({ input: { orderId: order.id, reason: 'twice' } });
    expect(again.cancelOrder.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
  });
});
