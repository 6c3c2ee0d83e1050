import { randomUUID } from 'node:crypto';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

/** A stack whose reservations last 3 seconds, so expiry can be watched. */
describe('reservation expiry through the gateway', () => {
  let stack: Stack;
  let store: Storefront;

  beforeAll(async () => {
    stack = await startStack({ namespace: uniqueSuiteName('expiry'), env: { INVENTORY_RESERVATION_TTL_SECONDS: '3', INVENTORY_RESERVATION_SWEEP_MS: '200' } });
    store = new Storefront(stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
  });

  it('releases the stock of an unpaid order when its reservation expires, and cancels the order', async () => {
    const productId = await store.product(`Expiring ${randomUUID().slice(0, 8)}`, 4);
    const order = await store.placeOrder(store.customer().sdk, [{ productId, quantity: 4 }]);
    const reserved = await store.orderUntil(order.id, (o) => o.reservationStatus === 'RESERVED', 'the reservation');
    expect(new Date(reserved.reservationExpiresAt!).getTime()).toBeGreaterThan(Date.now() - 5000);
    expect((await store.stock(productId)).stock).toBe(0);
    const expired = await store.orderUntil(order.id, (o) => o.status === 'CANCELLED', 'the expiry');
    expect(expired).toMatchObject({ reservationStatus: 'RELEASED', cancelReason: 'The stock reservation expired before payment' });
    expect(await store.stock(productId)).toEqual({ stock: 4, onHand: 4, reserved: 0 });
  });
});
