import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { UNTHROTTLED } from './support/unthrottled';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

const california = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  line1: '1 Main St',
  city: 'Los Angeles',
  provinceCode: 'CA',
  countryCode: 'US',
  postalCode: '90001',
};
const PRICE = 4000;
const CODE_AMOUNT = 500;

// Raw strings, asked through clients with errorPolicy 'all': an answer carrying a GraphQL error (a rate
// limit, a subgraph failure) is seen and asserted on, never thrown as something else
const COMPLETE_CHECKOUT = `mutation ($input: CompleteCheckoutInput!) { completeCheckout(input: $input) {
  orderId order { id } userErrors { code field message }
} }`;
const CART = `query ($id: ID!, $token: String) { cart(id: $id, token: $token) {
  id userId email updatedAt expiresAt reviewedTotal { amount }
  lines { variantId quantity } discountCodes { code applicable }
  subtotal { amount } discountTotal { amount } total { amount }
} }`;
const ORDER_DISCOUNT = 'query ($id: ID!) { order(id: $id) { id customerId discountTotal { amount } } }';
const PROMOTION_USE = 'query ($id: ID!) { promotion(id: $id) { timesUsed } }';
const STORE_ORDERS = 'query { orders(first: 100) { totalCount nodes { id } } }';

interface Completed {
  data?: { completeCheckout: { orderId: string | null; order: { id: string } | null; userErrors: { code: string }[] } };
  errors?: unknown[];
}
/** A cart ready to complete: its id, its token when it is a guest cart, and the shopper completing it. */
interface Ready {
  cartId: string;
  cartToken?: string;
  token: string;
}

/**
 * Issue 14's "10-use code race" the way users reach it: through the gateway, 100 signed-in shoppers completing
 * their carts at once against one 10-use code; the per-customer limit under the same race; and a use given
 * back when an order is cancelled. (Cart's integration test proves the same on the cart subgraph alone.)
 */
describe('the discount-code race through the gateway', () => {
  let stack: Stack;
  let store: Storefront;
  let productId: string;

  const client = (token?: string) =>
    new GraphQLClient(stack.gatewayUrl, {
      headers: { 'x-store-id': store.storeId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      errorPolicy: 'all',
    });
  const asMerchant = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const answer = await client(store.merchantToken).rawRequest<T>(query, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data;
  };
  const timesUsed = async (promotionId: string) =>
    (await asMerchant<{ promotion: { timesUsed: number } }>(PROMOTION_USE, { id: promotionId })).promotion.timesUsed;
  const createCode = async (input: Record<string, unknown>) => {
    const code = `RACE${randomUUID().slice(0, 6)}`.toUpperCase();
    const { createPromotion } = await store.merchant.CreatePromotion({
      input: { title: 'Race', code, valueKind: 'FIXED_AMOUNT', amount: CODE_AMOUNT, ...input },
    });
    expect(createPromotion.userErrors).toEqual([]);
    return { code, promotionId: createPromotion.promotion!.id };
  };
  const complete = async (ready: Ready): Promise<Completed> =>
    (await client(ready.token).rawRequest(COMPLETE_CHECKOUT, {
      input: { cartId: ready.cartId, cartToken: ready.cartToken, idempotencyKey: randomUUID() },
    })) as Completed;
  const cartNow = async (ready: Ready) => {
    const answer = await client(ready.token).rawRequest<{ cart: Record<string, unknown> | null }>(CART, { id: ready.cartId, token: ready.cartToken });
    expect(answer.errors).toBeUndefined();
    return answer.data.cart;
  };
  const orderDiscount = async (orderId: string) =>
    eventually(
      async () =>
        (await asMerchant<{ order: { id: string; customerId: string | null; discountTotal: { amount: number } } | null }>(ORDER_DISCOUNT, { id: orderId }))
          .order,
      15_000,
      `order ${orderId}`,
    );

  /**
   * A cart holding one unit, the code and a Californian address, reviewed ready: a signed-in shopper's own cart
   * (`token` theirs), or with `guest` a guest cart (its token) that the shopper `token` then completes signed in.
   */
  const readyCart = async (code: string, token: string, guest = false): Promise<Ready> => {
    const sdk = store.sdkFor(guest ? undefined : token);
    const { createCart } = await sdk.CreateCart({ input: { lines: [{ variantId: productId, quantity: 1 }], email: 'racer@example.test' } });
    expect(createCart.userErrors).toEqual([]);
    const cart = { cartId: createCart.cart!.id, cartToken: createCart.cartToken ?? undefined };
    expect((await sdk.ApplyCartDiscountCode({ input: { ...cart, code } })).applyCartDiscountCode.userErrors).toEqual([]);
    expect((await sdk.SetCartAddresses({ input: { ...cart, shippingAddress: california } })).setCartAddresses.userErrors).toEqual([]);
    const { reviewCheckout } = await sdk.ReviewCheckout({ input: cart });
    expect(reviewCheckout.userErrors).toEqual([]);
    expect(reviewCheckout.readyToComplete).toBe(true);
    expect(reviewCheckout.cart!.discountTotal.amount).toBe(CODE_AMOUNT);
    return { ...cart, token };
  };
  /** `count` ready carts, made a few at a time (setting up is not the race). */
  const readyCarts = async (count: number, make: () => Promise<Ready>): Promise<Ready[]> => {
    const carts: Ready[] = [];
    while (carts.length < count) carts.push(...(await Promise.all(Array.from({ length: Math.min(10, count - carts.length) }, make))));
    return carts;
  };
  const codesOf = (answer: Completed) => answer.data!.completeCheckout.userErrors.map((error) => error.code).join();

  // shared by the race and the cancellation that follows it
  let race: { promotionId: string; carts: Ready[]; answers: Completed[] };

  beforeAll(async () => {
    // 100 shoppers and a merchant polling their orders: this suite is about usage limits, not about the
    // query-cost budgets (rate-limits.e2e.test.ts is), so the budgets, on, are as large as the bench's
    stack = await acquireStack({ name: 'race', env: UNTHROTTLED });
    store = await Storefront.open(stack, 'Race Track');
    productId = await store.product('Stopwatch', 1000, PRICE);
    // cart hears of the product (and its stock) by event: wait until a cart takes it
    await eventually(
      async () => (await store.sdkFor().CreateCart({ input: { lines: [{ variantId: productId, quantity: 1 }] } })).createCart.userErrors.length === 0,
      15_000,
      'the cart to know the product',
    );
  }, 120_000);

  afterAll(async () => {
    await releaseStack(stack);
  });

  it('100 shoppers complete at once with a 10-use code: exactly 10 orders with its discount, 90 DISCOUNT_CODE_USED_UP with their carts open and unchanged', async () => {
    const { code, promotionId } = await createCode({ usageLimit: 10 });
    // distinct signed-in shoppers: guests from this one address would meet orders' open-order limit for guests
    const carts = await readyCarts(100, () => readyCart(code, store.customer().token));
    const before = await Promise.all(carts.map(cartNow));

    const answers = await Promise.all(carts.map(complete));
    race = { promotionId, carts, answers };

    // no GraphQL error anywhere: the gateway's limits refused no one, every refusal is the code's
    expect(answers.filter((answer) => answer.errors !== undefined)).toEqual([]);
    const won = answers.filter((answer) => answer.data!.completeCheckout.userErrors.length === 0);
    const lost = answers.filter((answer) => codesOf(answer) === 'DISCOUNT_CODE_USED_UP');
    expect(won).toHaveLength(10);
    expect(lost).toHaveLength(90);
    expect(await timesUsed(promotionId)).toBe(10);

    // each winner's order carries the code's discount; orders holds those 10 and no other of the store
    const orderIds = won.map((answer) => answer.data!.completeCheckout.orderId!).sort();
    expect(new Set(orderIds).size).toBe(10);
    for (const orderId of orderIds) expect((await orderDiscount(orderId)).discountTotal.amount).toBe(CODE_AMOUNT);
    const { orders } = await asMerchant<{ orders: { totalCount: number; nodes: { id: string }[] } }>(STORE_ORDERS);
    expect(orders.totalCount).toBe(10);
    expect(orders.nodes.map((order) => order.id).sort()).toEqual(orderIds);

    // the refused carts are still open, the shopper's, as they were (same lines, code, email, review, updatedAt):
    // only their price now differs, as every read prices the cart again and the code kept is used up
    const usedUp = { discountCodes: [{ code, applicable: false }], discountTotal: { amount: 0 }, total: { amount: PRICE } };
    for (const [index, answer] of answers.entries()) {
      if (codesOf(answer) === 'DISCOUNT_CODE_USED_UP') expect(await cartNow(carts[index])).toEqual({ ...before[index], ...usedUp });
      else expect(await cartNow(carts[index])).toBeNull();
    }
  }, 120_000);

  it('a cancelled order gives its use back: timesUsed is 9 again and a shopper refused in the race now completes with the code', async () => {
    const winner = race.answers.findIndex((answer) => answer.data!.completeCheckout.userErrors.length === 0);
    const orderId = race.answers[winner].data!.completeCheckout.orderId!;
    const shopper = store.sdkFor(race.carts[winner].token);
    const { cancelOrder } = await shopper.CancelOrder({ input: { orderId, reason: 'changed my mind' } });
    expect(cancelOrder.userErrors).toEqual([]);
    // given back by cart's consumer of orders.cancelled
    await eventually(async () => (await timesUsed(race.promotionId)) === 9, 15_000, 'the use given back');

    const loser = race.answers.findIndex((answer) => codesOf(answer) === 'DISCOUNT_CODE_USED_UP');
    const again = await complete(race.carts[loser]);
    expect(again.errors).toBeUndefined();
    expect(again.data!.completeCheckout.userErrors).toEqual([]);
    expect((await orderDiscount(again.data!.completeCheckout.orderId!)).discountTotal.amount).toBe(CODE_AMOUNT);
    expect(await timesUsed(race.promotionId)).toBe(10);
    // and it is used up again for the next one
    const next = race.answers.findIndex((answer, index) => index > loser && codesOf(answer) === 'DISCOUNT_CODE_USED_UP');
    expect(codesOf(await complete(race.carts[next]))).toBe('DISCOUNT_CODE_USED_UP');
  }, 60_000);

  it('one shopper completing 6 carts at once with a twice-per-customer code gets it twice; another shopper still may', async () => {
    const { code, promotionId } = await createCode({ usageLimitPerCustomer: 2 });
    const shopper = store.customer();
    // A signed-in customer has one open cart per store (createCart adds to it), so their 6 carts at once are
    // guest carts they complete signed in, holding each cart's token: a guest cart completed by a customer is
    // theirs, and so is the per-customer limit (docs/cart.md, Checkout)
    const carts = await readyCarts(6, () => readyCart(code, shopper.token, true));
    const before = await Promise.all(carts.map(cartNow));

    const answers = await Promise.all(carts.map(complete));
    expect(answers.filter((answer) => answer.errors !== undefined)).toEqual([]);
    const won = answers.filter((answer) => answer.data!.completeCheckout.userErrors.length === 0);
    expect(won).toHaveLength(2);
    expect(answers.filter((answer) => codesOf(answer) === 'DISCOUNT_CODE_USED_UP')).toHaveLength(4);
    expect(await timesUsed(promotionId)).toBe(2);
    for (const answer of won) {
      const order = await orderDiscount(answer.data!.completeCheckout.orderId!);
      expect(order).toMatchObject({ customerId: shopper.userId, discountTotal: { amount: CODE_AMOUNT } });
    }
    for (const [index, answer] of answers.entries()) {
      if (codesOf(answer) === 'DISCOUNT_CODE_USED_UP') expect(await cartNow(carts[index])).toEqual(before[index]);
    }

    // the limit is this shopper's: someone else uses the code
    const other = await complete(await readyCart(code, store.customer().token));
    expect(other.errors).toBeUndefined();
    expect(other.data!.completeCheckout.userErrors).toEqual([]);
    expect(await timesUsed(promotionId)).toBe(3);
  }, 60_000);
});
