import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { dropDatabases, startStack, type Stack } from '../../scripts/lib/stack';
import { eventually, uniqueSuiteName } from '../../subgraphs/kit/test/support/test-names';
import { Storefront, type Sdk } from './support/storefront';

const USD = (amount: number) => ({ amount, currencyCode: 'USD' });
const GOOD_CARD = '4242424242424242';
const california = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  line1: '1 Main St',
  city: 'Los Angeles',
  provinceCode: 'CA',
  countryCode: 'US',
  postalCode: '90001',
};
const newYork = { firstName: 'Ada', lastName: 'Lovelace', line1: '1 Broadway', city: 'New York', provinceCode: 'NY', countryCode: 'US', postalCode: '10004' };

const ORDER_TOTALS = `query ($id: ID!) { order(id: $id) {
  id status subtotal { amount } discountTotal { amount } shippingTotal { amount } taxTotal { amount } total { amount }
  taxLines { title rateBasisPoints amount { amount } } note
} }`;
const PROMOTION_USE = 'query ($id: ID!) { promotion(id: $id) { timesUsed } }';

interface OrderTotals {
  id: string;
  status: string;
  subtotal: { amount: number };
  discountTotal: { amount: number };
  shippingTotal: { amount: number };
  taxTotal: { amount: number };
  total: { amount: number };
  taxLines: { title: string; rateBasisPoints: number; amount: { amount: number } }[];
  note: string | null;
}

/** Issue 14: a cart's checkout through the gateway — review, completion, the order orders records, payment, and the code's use. */
describe('checkout through the gateway', () => {
  let stack: Stack;
  let store: Storefront;
  let guest: Sdk;
  let productId: string;
  let code: string;
  let codePromotionId: string;

  const raw = (token?: string) =>
    new GraphQLClient(stack.gatewayUrl, {
      headers: { 'x-store-id': store.storeId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      errorPolicy: 'all',
    });
  const timesUsed = async () =>
    (await raw(store.merchantToken).request<{ promotion: { timesUsed: number } }>(PROMOTION_USE, { id: codePromotionId })).promotion.timesUsed;

  beforeAll(async () => {
    stack = await startStack({ namespace: uniqueSuiteName('checkout') });
    store = await Storefront.open(stack, 'Checkout Corner');
    guest = store.sdkFor();
    productId = await store.product('Walnut board', 20, 4000);
    for (const rule of [
      { title: 'CA sales tax', countryCode: 'US', provinceCode: 'CA', rateBasisPoints: 725 },
      { title: 'NY sales tax', countryCode: 'US', provinceCode: 'NY', rateBasisPoints: 400 },
    ]) {
      expect((await store.merchant.CreateTaxRule({ input: rule })).createTaxRule.userErrors).toEqual([]);
    }
    code = `WOOD${randomUUID().slice(0, 4)}`.toUpperCase();
    const coded = await store.merchant.CreatePromotion({
      input: { title: 'Ten off', code, valueKind: 'PERCENTAGE', basisPoints: 1000, usageLimit: 5, combinable: true },
    });
    expect(coded.createPromotion.userErrors).toEqual([]);
    codePromotionId = coded.createPromotion.promotion!.id;
    const automatic = await store.merchant.CreatePromotion({ input: { title: 'House deal', valueKind: 'FIXED_AMOUNT', amount: 200, combinable: true } });
    expect(automatic.createPromotion.userErrors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (stack) await dropDatabases(stack.databaseNames);
  });

  it('a guest cart with a code, merged on sign-in, reviewed and completed, becomes the order orders records to the minor unit; paid, it is CONFIRMED; cancelled, the code is used again', async () => {
    // a guest cart (retried while cart has not heard of the product yet), a code, an address
    const created = await eventually(
      async () => {
        const { createCart } = await guest.CreateCart({ input: { lines: [{ variantId: productId, quantity: 2 }] } });
        return createCart.userErrors.length === 0 ? createCart : undefined;
      },
      15_000,
      'the cart to know the product',
    );
    const guestCart = { cartId: created.cart!.id, cartToken: created.cartToken! };
    expect((await guest.ApplyCartDiscountCode({ input: { ...guestCart, code: code.toLowerCase() } })).applyCartDiscountCode.userErrors).toEqual([]);
    expect((await guest.SetCartAddresses({ input: { ...guestCart, shippingAddress: california } })).setCartAddresses.userErrors).toEqual([]);

    // bad input on the new mutations: a GraphQL error, nothing written
    const tooLong = await raw().rawRequest('mutation ($i: SetCartNoteInput!) { setCartNote(input: $i) { userErrors { code } } }', {
      i: { ...guestCart, note: 'x'.repeat(1001) },
    });
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const noKey = await raw().rawRequest('mutation ($i: CompleteCheckoutInput!) { completeCheckout(input: $i) { orderId } }', {
      i: { ...guestCart, idempotencyKey: '' },
    });
    expect(noKey.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // not ready: no email yet
    const early = (await guest.ReviewCheckout({ input: guestCart })).reviewCheckout;
    expect(early.readyToComplete).toBe(false);
    expect(early.userErrors.map((error) => error.code)).toEqual(['EMAIL_REQUIRED']);

    // the shopper signs in: the guest cart becomes theirs
    const shopper = store.customer();
    const merged = await shopper.sdk.MergeCart({ input: guestCart });
    expect(merged.mergeCart.userErrors).toEqual([]);
    const mine = { cartId: merged.mergeCart.cart!.id };
    await shopper.sdk.SetCartEmail({ input: { ...mine, email: 'ada@example.test' } });
    await shopper.sdk.SetCartNote({ input: { ...mine, note: 'Gift wrap, please' } });

    // New York's tax, then California's: the review prices the address given
    await shopper.sdk.SetCartAddresses({ input: { ...mine, shippingAddress: newYork } });
    const inNewYork = (await shopper.sdk.ReviewCheckout({ input: mine })).reviewCheckout;
    expect(inNewYork.cart!.taxLines.map((line) => line.title)).toEqual(['NY sales tax']);
    await shopper.sdk.SetCartAddresses({ input: { ...mine, shippingAddress: california } });
    const reviewed = (await shopper.sdk.ReviewCheckout({ input: mine })).reviewCheckout;
    expect(reviewed.userErrors).toEqual([]);
    expect(reviewed.readyToComplete).toBe(true);
    const shown = reviewed.cart!;
    // 8000, the automatic 200 off and 10 % off: the engine decides the order; CA tax on what is left
    expect(shown.subtotal).toEqual(USD(8000));
    expect(shown.appliedDiscounts.map((discount) => discount.code).sort()).toEqual([code, null].sort());
    expect(shown.taxLines.map((line) => line.title)).toEqual(['CA sales tax']);
    expect(shown.reviewedTotal).toEqual(shown.total);

    const { completeCheckout } = await shopper.sdk.CompleteCheckout({ input: { ...mine, idempotencyKey: randomUUID(), expectedTotal: shown.total } });
    expect(completeCheckout.userErrors).toEqual([]);
    const orderId = completeCheckout.orderId!;
    expect(await timesUsed()).toBe(1);

    // the order is what the review showed, to the minor unit
    const order = await eventually(
      async () => (await raw(shopper.token).request<{ order: OrderTotals | null }>(ORDER_TOTALS, { id: orderId })).order ?? undefined,
      15_000,
      'the order',
    );
    expect(order).toMatchObject({
      subtotal: { amount: shown.subtotal.amount },
      discountTotal: { amount: shown.discountTotal.amount },
      shippingTotal: { amount: shown.shippingTotal.amount },
      taxTotal: { amount: shown.taxTotal.amount },
      total: { amount: shown.total.amount },
      note: 'Gift wrap, please',
    });
    expect(order.taxLines).toEqual(
      shown.taxLines.map((line) => ({ title: line.title, rateBasisPoints: line.rateBasisPoints, amount: { amount: line.amount.amount } })),
    );
    // the cart is checked out: no longer the shopper's
    expect((await shopper.sdk.MyCart()).myCart).toBeNull();

    // paid: CONFIRMED, as the saga goes on from orders.created
    const payment = await eventually(
      async () =>
        (await shopper.sdk.ProcessPayment({ input: { orderId, paymentMethod: { cardNumber: GOOD_CARD }, idempotencyKey: randomUUID() } })).processPayment
          .payment ?? undefined,
      15_000,
      'a payment',
    );
    expect(payment.amount).toEqual(USD(shown.total.amount));
    await store.orderUntil(orderId, (o) => o.status === 'CONFIRMED', 'the order to be confirmed');

    // a second checkout, cancelled: its use of the code is given back
    const second = (await shopper.sdk.CreateCart({ input: { lines: [{ variantId: productId, quantity: 1 }] } })).createCart.cart!.id;
    await shopper.sdk.SetCartEmail({ input: { cartId: second, email: 'ada@example.test' } });
    await shopper.sdk.SetCartAddresses({ input: { cartId: second, shippingAddress: california } });
    await shopper.sdk.ApplyCartDiscountCode({ input: { cartId: second, code } });
    const again = (await shopper.sdk.CompleteCheckout({ input: { cartId: second, idempotencyKey: randomUUID() } })).completeCheckout;
    expect(again.userErrors).toEqual([]);
    expect(await timesUsed()).toBe(2);
    await store.orderUntil(again.orderId!, () => true, 'the second order');
    const cancelled = await shopper.sdk.CancelOrder({ input: { orderId: again.orderId!, reason: 'changed my mind' } });
    expect(cancelled.cancelOrder.userErrors).toEqual([]);
    await eventually(async () => (await timesUsed()) === 1, 15_000, 'the code’s use given back');
  }, 120_000);
});
