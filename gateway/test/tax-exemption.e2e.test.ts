import { randomUUID } from 'node:crypto';
import type { ClientError } from 'graphql-request';
import { acquireStack, releaseStack, type PooledStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { signIn, signUp } from './support/accounts';
import { Storefront, type Sdk } from './support/storefront';

const TEXAS = { line1: '1 Congress Ave', city: 'Austin', provinceCode: 'TX', countryCode: 'US', postalCode: '78701' };

/**
 * Issue 14, item 4: the store's staff mark a customer tax-exempt in customers; cart hears it and prices that customer's
 * signed-in cart without tax, while another customer's cart, and a guest cart typed with the exempt customer's email, pay it.
 */
describe('tax-exempt customers through the gateway', () => {
  let stack: PooledStack;
  let store: Storefront;
  let variantId: string;

  /** A cart of 2 × 4000 shipping to Texas: as a signed-in shopper (sdk with their token) or a guest. */
  const texanCart = async (sdk: Sdk, email?: string) => {
    const { createCart } = await eventually(
      async () => {
        const answer = await sdk.CreateCart({ input: { lines: [{ variantId, quantity: 2 }], email } });
        return answer.createCart.userErrors.some((error) => error.code === 'PRODUCT_NOT_AVAILABLE') ? undefined : answer;
      },
      15_000,
      'cart to know the product',
    );
    expect(createCart.userErrors).toEqual([]);
    const target = { cartId: createCart.cart!.id, cartToken: createCart.cartToken ?? null };
    expect((await sdk.SetCartAddresses({ input: { ...target, shippingAddress: TEXAS } })).setCartAddresses.userErrors).toEqual([]);
    return async () => (await sdk.CartPricing({ id: target.cartId, token: target.cartToken })).cart!;
  };
  /** A customer of the store with an account: staff create the record, the person signs up and verifies that email (customers links them). */
  const linkedCustomer = async (name: string) => {
    const email = `${name}-${randomUUID().slice(0, 8)}@example.com`;
    const { createCustomer } = await store.merchant.CreateCustomer({ input: { email, firstName: name } });
    expect(createCustomer.userErrors).toEqual([]);
    const customerId = createCustomer.customer!.id;
    const person = await signUp(stack, { firstName: name, lastName: 'Buyer', email }, stack.inbox);
    await eventually(async () => (await store.merchant.CustomerById({ id: customerId })).customer?.userId === person.userId, 20_000, `${name} linked`);
    return { customerId, email, userId: person.userId, sdk: store.sdkFor(await signIn(stack, person)) };
  };

  beforeAll(async () => {
    // its notifications send to stack.inbox (a pooled stack's is shared: the suite reads only its own addresses)
    stack = await acquireStack({ name: 'taxex' });
    store = await Storefront.open(stack, 'Wholesale Works');
    // a product without options: its one variant's id is the product's
    variantId = await store.product('Crate', 100, 4000);
    const { createTaxRule } = await store.merchant.CreateTaxRule({
      input: { title: 'TX sales tax', countryCode: 'US', provinceCode: 'TX', rateBasisPoints: 625 },
    });
    expect(createTaxRule.userErrors).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  it("staff mark a customer exempt: their signed-in cart shows tax 0, another customer's and a guest's with their email still pay it", async () => {
    const reseller = await linkedCustomer('reseller');
    const regular = await linkedCustomer('regular');
    const resellerCart = await texanCart(reseller.sdk);
    const regularCart = await texanCart(regular.sdk);
    const guestCart = await texanCart(store.sdkFor(), reseller.email);
    const taxed = { taxExempt: false, subtotal: { amount: 8000 }, taxTotal: { amount: 500 }, total: { amount: 8500 } };
    expect(await resellerCart()).toMatchObject({ ...taxed, userId: reseller.userId });

    // a shopper cannot exempt themselves
    const selfServe = await reseller.sdk.SetCustomerTaxExemption({ input: { customerId: reseller.customerId, taxExempt: true } }).then(
      () => 'allowed',
      (error: ClientError) => error.response.errors?.[0]?.extensions?.code,
    );
    expect(selfServe).toBe('FORBIDDEN');

    const { setCustomerTaxExemption } = await store.merchant.SetCustomerTaxExemption({
      input: { customerId: reseller.customerId, taxExempt: true, reference: 'TX-RESALE-01-234567-8' },
    });
    expect(setCustomerTaxExemption).toMatchObject({
      userErrors: [],
      customer: { id: reseller.customerId, taxExempt: true, taxExemptionReference: 'TX-RESALE-01-234567-8' },
    });

    const exempt = await eventually(
      async () => {
        const cart = await resellerCart();
        return cart.taxExempt ? cart : undefined;
      },
      20_000,
      'the reseller cart exempt',
    );
    expect(exempt).toMatchObject({ taxLines: [], subtotal: { amount: 8000 }, taxTotal: { amount: 0 }, total: { amount: 8000 } });
    expect(await regularCart()).toMatchObject({ ...taxed, taxLines: [{ title: 'TX sales tax', rateBasisPoints: 625 }] });
    expect(await guestCart()).toMatchObject({ ...taxed, userId: null, taxLines: [{ title: 'TX sales tax', rateBasisPoints: 625 }] });

    // taxable again: tax comes back
    await store.merchant.SetCustomerTaxExemption({ input: { customerId: reseller.customerId, taxExempt: false } });
    await eventually(async () => ((await resellerCart()).taxTotal.amount === 500 ? true : undefined), 20_000, 'tax back on the reseller cart');
    expect(await resellerCart()).toMatchObject(taxed);
  }, 120_000);
});
