import { randomUUID } from 'node:crypto';
import type { ClientError } from 'graphql-request';
import { acquireStack, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { gatewaySdk, openStore, signIn, signUp } from './support/accounts';
import { subscribe } from './support/live';
import { Storefront } from './support/storefront';

interface StatusChange {
  orderStatusChanged: { id: string; status: string };
}

/**
 * A new merchant's first sale, every step through the gateway as the web app takes it: no
 * test-signed token and no made-up id, only what the API answered (and the emails it sent).
 */
describe('a new merchant’s first sale', () => {
  let stack: PooledStack;

  beforeAll(async () => {
    // its notifications send to stack.inbox (a pooled stack's is shared: the suite reads only its own addresses)
    stack = await acquireStack({ name: 'journey' });
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  it('signs up, opens a store, stocks a product and sells it to a verified shopper, paid and confirmed', async () => {
    const suffix = randomUUID().slice(0, 8);
    const merchant = await signUp(stack, { firstName: 'Nadia', lastName: 'Newshop', email: `nadia.${suffix}@example.com` }, stack.inbox);
    const firstToken = await signIn(stack, merchant);
    expect((await gatewaySdk(stack, firstToken).Me()).me).toMatchObject({ id: merchant.userId, isVerified: true, roles: ['CUSTOMER'] });

    const { storeId, merchantToken } = await openStore(stack, merchant, firstToken, `Nadia's Lamps ${suffix}`);
    const { myStores } = await gatewaySdk(stack, merchantToken).MyStores();
    expect(myStores.map(({ id }) => id)).toEqual([storeId]);
    // the token from before the store is refused (accounts ended it when the membership changed); the new one acts for the store
    const stale = await gatewaySdk(stack, firstToken, storeId)
      .CreateProduct({ input: { title: 'Too early', price: { amount: 100, currencyCode: 'USD' } } })
      .then(
        () => 'OK',
        (error: ClientError) => error.response?.errors?.[0]?.extensions?.code,
      );
    expect(stale).toBe('UNAUTHENTICATED');

    const store = new Storefront(stack, { storeId, merchantToken });
    const productId = await store.product('Brass desk lamp', 3, 4200);
    expect(await store.stock(productId)).toEqual({ stock: 3, onHand: 3, reserved: 0 });

    const shopperPerson = await signUp(stack, { firstName: 'Omar', lastName: 'Shopper', email: `omar.${suffix}@example.com` }, stack.inbox);
    const shopperToken = await signIn(stack, shopperPerson);
    const shopper = store.sdkFor(shopperToken);
    const { product } = await shopper.ProductById({ id: productId });
    expect(product).toMatchObject({ title: 'Brass desk lamp', price: { amount: 4200, currencyCode: 'USD' } });

    const order = await store.placeOrder(shopper, [{ productId, quantity: 1 }], randomUUID(), shopperPerson.email);
    expect(order).toMatchObject({ storeId, email: shopperPerson.email, status: 'CREATED', total: { amount: 4200 } });
    const changes = await subscribe<StatusChange>(
      stack.wsUrl,
      shopperToken,
      'subscription ($orderId: ID!) { orderStatusChanged(orderId: $orderId) { id status } }',
      { orderId: order.id },
      storeId,
    );
    try {
      const { processPayment } = await shopper.ProcessPayment({
        input: { orderId: order.id, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: randomUUID() },
      });
      expect(processPayment.userErrors).toEqual([]);
      expect(processPayment.payment).toMatchObject({ orderId: order.id, status: 'SUCCEEDED', amount: { amount: 4200, currencyCode: 'USD' } });

      // a bounded wait for the push that says CONFIRMED (a PAYMENT_PENDING push may come first)
      const confirmed = await eventually(
        async () => {
          if (changes.errors.length > 0) throw new Error(JSON.stringify(changes.errors));
          return changes.results.find((change) => change.orderStatusChanged.status === 'CONFIRMED');
        },
        30_000,
        'orderStatusChanged to push CONFIRMED',
      );
      expect(confirmed.orderStatusChanged).toEqual({ id: order.id, status: 'CONFIRMED' });
    } finally {
      changes.close();
    }

    // the shopper, the merchant and the stock all agree, and the shopper has the confirmation email
    expect((await shopper.OrderById({ id: order.id })).order).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'PAID' });
    expect((await store.merchant.OrderById({ id: order.id })).order?.status).toBe('CONFIRMED');
    expect(await store.stock(productId)).toEqual({ stock: 2, onHand: 2, reserved: 0 });
    const email = await stack.inbox.waitForEmail({
      to: shopperPerson.email,
      subject: new RegExp(`order ${order.orderNumber} is confirmed`),
      timeoutMs: 20_000,
    });
    expect(email.text).toContain(order.orderNumber);
  });
});
