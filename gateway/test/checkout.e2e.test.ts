import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import type { OrderStatusChangedSubscription } from '../../schema/generated/sdk';
import { Storefront, type Sdk } from './support/storefront';
import { subscribe } from './support/live';

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
  shippingLine { title amount { amount } } lineItems { variantId quantity unitPrice { amount } }
} }`;
const PROMOTION_USE = 'query ($id: ID!) { promotion(id: $id) { timesUsed } }';
const REVIEW = 'mutation ($i: ReviewCheckoutInput!) { reviewCheckout(input: $i) { readyToComplete cart { id } userErrors { code } } }';
const CART_STAMPS = 'query ($id: ID!) { cart(id: $id) { updatedAt reviewedTotal { amount } discountCodes { code } } }';
const SHOPPER_ORDERS = 'query { orders(first: 10) { nodes { id } } }';
const ORDER_STATUS = `subscription ($orderId: ID!) {
  orderStatusChanged(orderId: $orderId) { id status total { amount } statusHistory { status } }
}`;
const CREATE_ZONE = 'mutation ($input: CreateShippingZoneInput!) { createShippingZone(input: $input) { shippingZone { id } userErrors { code } } }';
const CREATE_METHOD = 'mutation ($input: CreateShippingMethodInput!) { createShippingMethod(input: $input) { shippingMethod { id } userErrors { code } } }';
const CART_RATES =
  'query ($id: ID!) { cart(id: $id) { subtotal { amount } availableShippingRates { id title price { amount currencyCode } freeOverApplied } } }';
const DEACTIVATE = 'mutation ($input: DeactivatePromotionInput!) { deactivatePromotion(input: $input) { userErrors { code } } }';
const UPDATE_PROMOTION = 'mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { userErrors { code } } }';

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
  shippingLine: { title: string; amount: { amount: number } } | null;
  lineItems: { variantId: string; quantity: number; unitPrice: { amount: number } }[];
}

interface Totals {
  subtotal: { amount: number };
  discountTotal: { amount: number };
  shippingTotal: { amount: number };
  taxTotal: { amount: number };
  total: { amount: number };
}

/** The order's totals as the review showed them, to the minor unit. */
const totalsOf = (shown: Totals) => ({
  subtotal: { amount: shown.subtotal.amount },
  discountTotal: { amount: shown.discountTotal.amount },
  shippingTotal: { amount: shown.shippingTotal.amount },
  taxTotal: { amount: shown.taxTotal.amount },
  total: { amount: shown.total.amount },
});

/** A cart's discounts by code, the automatic ones as 'automatic', sorted. */
const discountCodesOf = (discounts: { code?: string | null }[]) => discounts.map((discount) => discount.code ?? 'automatic').sort();

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
  /** The order as its shopper reads it, once orders has recorded it from cart.checkout-completed. */
  const orderOf = async (token: string, orderId: string) =>
    eventually(async () => (await raw(token).request<{ order: OrderTotals | null }>(ORDER_TOTALS, { id: orderId })).order ?? undefined, 15_000, 'the order');
  /** A new signed-in shopper's cart of `quantity` units of `variantId`, with an email and a Californian address. */
  const shopperCart = async (variantId: string, quantity: number) => {
    const shopper = store.customer();
    const created = await eventually(
      async () => {
        const { createCart } = await shopper.sdk.CreateCart({ input: { lines: [{ variantId, quantity }] } });
        return createCart.userErrors.length === 0 ? createCart.cart! : undefined;
      },
      15_000,
      'the cart to know the product',
    );
    const cart = { cartId: created.id };
    expect((await shopper.sdk.SetCartEmail({ input: { ...cart, email: 'grace@example.test' } })).setCartEmail.userErrors).toEqual([]);
    expect((await shopper.sdk.SetCartAddresses({ input: { ...cart, shippingAddress: california } })).setCartAddresses.userErrors).toEqual([]);
    return { shopper, cart };
  };

  beforeAll(async () => {
    stack = await acquireStack({ name: 'checkout' });
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
    await releaseStack(stack);
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

  it('refuses a malformed reviewCheckout with BAD_USER_INPUT and another shopper’s cart with CART_NOT_FOUND, writing nothing', async () => {
    const { shopper, cart } = await shopperCart(productId, 1);
    const stamps = async () =>
      (await raw(shopper.token).request<{ cart: { updatedAt: string; reviewedTotal: { amount: number } | null } }>(CART_STAMPS, { id: cart.cartId })).cart;
    const before = await stamps();
    expect(before.reviewedTotal).toBeNull();

    // malformed: a GraphQL error before anything runs
    for (const input of [{ cartId: 'not-a-cart' }, { cartId: '' }, { ...cart, cartToken: '' }, { ...cart, cartToken: 'x'.repeat(101) }]) {
      const refused = await raw(shopper.token).rawRequest(REVIEW, { i: input });
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.data).toBeNull();
    }
    // well-formed but not theirs: another shopper, a guest, a guest with a made-up token
    for (const [token, input] of [
      [store.customer().token, cart],
      [undefined, cart],
      [undefined, { ...cart, cartToken: randomUUID() }],
    ] as const) {
      const { reviewCheckout } = await raw(token).request<{ reviewCheckout: { readyToComplete: boolean; cart: unknown; userErrors: { code: string }[] } }>(
        REVIEW,
        { i: input },
      );
      expect(reviewCheckout).toEqual({ readyToComplete: false, cart: null, userErrors: [{ code: 'CART_NOT_FOUND' }] });
    }
    // nothing written: the cart was neither reviewed nor touched
    expect(await stamps()).toEqual(before);
  });

  it('takes a deactivated code and an ended one off the cart at review with DISCOUNT_CODE_EXPIRED naming each; the order is what that review showed', async () => {
    const suffix = randomUUID().slice(0, 4).toUpperCase();
    const [deactivatedCode, endedCode] = [`GONE${suffix}`, `OVER${suffix}`];
    const promotion = async (input: Parameters<Sdk['CreatePromotion']>[0]['input']) => {
      const { createPromotion } = await store.merchant.CreatePromotion({ input });
      expect(createPromotion.userErrors).toEqual([]);
      return createPromotion.promotion!.id;
    };
    const deactivated = await promotion({ title: 'Five percent off', code: deactivatedCode, valueKind: 'PERCENTAGE', basisPoints: 500, combinable: true });
    const ended = await promotion({ title: 'Three off', code: endedCode, valueKind: 'FIXED_AMOUNT', amount: 300, combinable: true });
    const { shopper, cart } = await shopperCart(productId, 1);
    for (const applied of [deactivatedCode, endedCode]) {
      expect((await shopper.sdk.ApplyCartDiscountCode({ input: { ...cart, code: applied } })).applyCartDiscountCode.userErrors).toEqual([]);
    }
    const withCodes = (await shopper.sdk.CartPricing({ id: cart.cartId })).cart!;
    expect(discountCodesOf(withCodes.appliedDiscounts)).toEqual(['automatic', deactivatedCode, endedCode].sort());

    // the merchant deactivates one promotion and ends the other (its endsAt now in the past)
    const merchant = raw(store.merchantToken);
    const off = await merchant.request<{ deactivatePromotion: { userErrors: unknown[] } }>(DEACTIVATE, { input: { id: deactivated } });
    expect(off.deactivatePromotion.userErrors).toEqual([]);
    const over = await merchant.request<{ updatePromotion: { userErrors: unknown[] } }>(UPDATE_PROMOTION, {
      input: { id: ended, endsAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(over.updatePromotion.userErrors).toEqual([]);

    // review takes both off, says so for each, and prices the cart without them
    const { reviewCheckout } = await shopper.sdk.ReviewCheckout({ input: cart });
    expect(reviewCheckout.userErrors.map((error) => [error.code, error.field]).sort()).toEqual(
      [
        ['DISCOUNT_CODE_EXPIRED', ['cart', 'discountCodes', deactivatedCode]],
        ['DISCOUNT_CODE_EXPIRED', ['cart', 'discountCodes', endedCode]],
      ].sort(),
    );
    expect(reviewCheckout.userErrors.find((error) => error.field?.[2] === deactivatedCode)!.message).toContain(`${deactivatedCode} was deactivated`);
    expect(reviewCheckout.userErrors.find((error) => error.field?.[2] === endedCode)!.message).toContain(`${endedCode} ended at`);
    expect(reviewCheckout.readyToComplete).toBe(true);
    const shown = reviewCheckout.cart!;
    expect(shown.discountCodes).toEqual([]);
    expect(discountCodesOf(shown.appliedDiscounts)).toEqual(['automatic']);
    expect(shown.subtotal).toEqual(USD(4000));
    expect(shown.discountTotal).toEqual({ amount: 200 });
    expect(shown.total.amount).toBe(shown.subtotal.amount - shown.discountTotal.amount + shown.shippingTotal.amount + shown.taxTotal.amount);
    expect(shown.reviewedTotal).toEqual(shown.total);
    // the codes stay off: a second review has nothing left to report
    expect((await shopper.sdk.ReviewCheckout({ input: cart })).reviewCheckout.userErrors).toEqual([]);

    const { completeCheckout } = await shopper.sdk.CompleteCheckout({ input: { ...cart, idempotencyKey: randomUUID(), expectedTotal: shown.total } });
    expect(completeCheckout.userErrors).toEqual([]);
    expect(await orderOf(shopper.token, completeCheckout.orderId!)).toMatchObject(totalsOf(shown));
  });

  it('reports a price changed since the line was added; the old total is refused with CHECKOUT_TOTAL_CHANGED, writing nothing; the new one orders at the new price', async () => {
    const variantId = await store.product('Cherry spoon', 5, 1500);
    const { shopper, cart } = await shopperCart(variantId, 2);
    expect((await shopper.sdk.ApplyCartDiscountCode({ input: { ...cart, code } })).applyCartDiscountCode.userErrors).toEqual([]);
    const first = (await shopper.sdk.ReviewCheckout({ input: cart })).reviewCheckout;
    expect(first.userErrors).toEqual([]);
    const oldTotal = first.cart!.total;

    // the merchant raises the price to 18.00; cart hears of it from catalog's event
    const { updateProduct } = await store.merchant.UpdateProduct({ input: { id: variantId, price: USD(1800) } });
    expect(updateProduct.userErrors).toEqual([]);
    await eventually(
      async () => (await shopper.sdk.Cart({ id: cart.cartId })).cart?.lines[0].unitPrice?.amount === 1800,
      15_000,
      'the cart to hear of the new price',
    );

    // review says so and shows the new price
    const changed = (await shopper.sdk.ReviewCheckout({ input: cart })).reviewCheckout;
    expect(changed.userErrors.map((error) => [error.code, error.field])).toEqual([['PRICE_CHANGED', ['cart', 'lines', '0']]]);
    expect(changed.userErrors[0].message).toContain('from 1500 USD to 1800 USD');
    expect(changed.readyToComplete).toBe(true);
    const shown = changed.cart!;
    expect(shown.lines.map((line) => line.unitPrice)).toEqual([USD(1800)]);
    expect(shown.subtotal).toEqual(USD(3600));
    expect(shown.total.amount).toBeGreaterThan(oldTotal.amount);
    expect(shown.reviewedTotal).toEqual(shown.total);

    // completing at the old total: refused, nothing written (no order, the cart still open, the code not used)
    const usedBefore = await timesUsed();
    const idempotencyKey = randomUUID();
    const stale = (await shopper.sdk.CompleteCheckout({ input: { ...cart, idempotencyKey, expectedTotal: oldTotal } })).completeCheckout;
    expect(stale.userErrors.map((error) => error.code)).toEqual(['CHECKOUT_TOTAL_CHANGED']);
    expect(stale.orderId).toBeNull();
    expect(await timesUsed()).toBe(usedBefore);
    expect((await shopper.sdk.MyCart()).myCart?.id).toBe(cart.cartId);
    expect((await raw(shopper.token).request<{ cart: { reviewedTotal: unknown } }>(CART_STAMPS, { id: cart.cartId })).cart.reviewedTotal).toEqual({
      amount: shown.total.amount,
    });

    // at the new total, with the same key (the refusal kept nothing of it): the order, at the new price
    const done = (await shopper.sdk.CompleteCheckout({ input: { ...cart, idempotencyKey, expectedTotal: shown.total } })).completeCheckout;
    expect(done.userErrors).toEqual([]);
    expect(await timesUsed()).toBe(usedBefore + 1);
    const order = await orderOf(shopper.token, done.orderId!);
    expect(order).toMatchObject(totalsOf(shown));
    expect(order.lineItems).toEqual([{ variantId, quantity: 2, unitPrice: { amount: 1800 } }]);
    // the refused attempt left no order behind: the shopper has this one only
    const { orders } = await raw(shopper.token).request<{ orders: { nodes: { id: string }[] } }>(SHOPPER_ORDERS);
    expect(orders.nodes.map((node) => node.id)).toEqual([done.orderId]);
  });

  it('pushes the completed order’s status to its shopper over orderStatusChanged, through payment to CONFIRMED', async () => {
    const { shopper, cart } = await shopperCart(productId, 1);
    const shown = (await shopper.sdk.ReviewCheckout({ input: cart })).reviewCheckout.cart!;
    const { completeCheckout } = await shopper.sdk.CompleteCheckout({ input: { ...cart, idempotencyKey: randomUUID(), expectedTotal: shown.total } });
    expect(completeCheckout.userErrors).toEqual([]);
    const orderId = completeCheckout.orderId!;
    // followed from when orders has recorded it (the subscription's probe reads the order)
    expect((await orderOf(shopper.token, orderId)).status).toBe('CREATED');
    const live = await subscribe<OrderStatusChangedSubscription>(stack.wsUrl, shopper.token, ORDER_STATUS, { orderId }, store.storeId);
    try {
      const payment = await eventually(
        async () =>
          (await shopper.sdk.ProcessPayment({ input: { orderId, paymentMethod: { cardNumber: GOOD_CARD }, idempotencyKey: randomUUID() } })).processPayment
            .payment ?? undefined,
        15_000,
        'a payment',
      );
      expect(payment.amount).toEqual(USD(shown.total.amount));
      const pushed = await eventually(
        async () => live.results.at(-1)?.orderStatusChanged.status === 'CONFIRMED' && live.results,
        20_000,
        'CONFIRMED on orderStatusChanged',
      );
      expect(live.errors).toEqual([]);
      // one push per transaction, in order: a payment's steps may reach the subscriber as one
      const statuses: string[] = pushed.map((result) => result.orderStatusChanged.status);
      expect(statuses).toEqual(['PAYMENT_PENDING', 'PAYMENT_SUCCESS', 'CONFIRMED'].filter((status) => statuses.includes(status)));
      const last = pushed.at(-1)!.orderStatusChanged;
      expect(last).toMatchObject({ id: orderId, total: { amount: shown.total.amount } });
      expect(last.statusHistory.map((entry) => entry.status)).toEqual(['CREATED', 'PAYMENT_PENDING', 'PAYMENT_SUCCESS', 'CONFIRMED']);
    } finally {
      live.close();
    }
  });

  // last: once the store ships to the US, every cart with a US address must choose a rate before completing
  it('charges the flat rate below the free-shipping threshold and nothing once a line crosses it, with the automatic promotion; the order ships as reviewed', async () => {
    const merchant = raw(store.merchantToken);
    const { createShippingZone } = await merchant.request<{ createShippingZone: { shippingZone: { id: string }; userErrors: unknown[] } }>(CREATE_ZONE, {
      input: { name: 'United States', regions: [{ countryCode: 'US' }] },
    });
    expect(createShippingZone.userErrors).toEqual([]);
    const { createShippingMethod } = await merchant.request<{ createShippingMethod: { shippingMethod: { id: string }; userErrors: unknown[] } }>(
      CREATE_METHOD,
      {
        input: {
          zoneId: createShippingZone.shippingZone.id,
          currencyCode: 'USD',
          name: 'Standard',
          rate: { kind: 'FLAT', amount: 800 },
          freeOverSubtotal: 10000,
        },
      },
    );
    expect(createShippingMethod.userErrors).toEqual([]);
    const standard = createShippingMethod.shippingMethod.id;

    // two boards, 80.00 (78.00 after the automatic 2.00 off): under the 100.00 threshold, Standard costs 8.00
    const { shopper, cart } = await shopperCart(productId, 2);
    const rates = async () =>
      (await raw(shopper.token).request<{ cart: { subtotal: { amount: number }; availableShippingRates: unknown[] } }>(CART_RATES, { id: cart.cartId })).cart;
    expect(await rates()).toEqual({
      subtotal: { amount: 8000 },
      availableShippingRates: [{ id: standard, title: 'Standard', price: USD(800), freeOverApplied: false }],
    });
    // not ready before a rate is chosen
    expect((await shopper.sdk.ReviewCheckout({ input: cart })).reviewCheckout.userErrors.map((error) => error.code)).toEqual(['SHIPPING_RATE_REQUIRED']);
    const selected = await eventually(
      async () => {
        const { selectCartShippingRate } = await shopper.sdk.SelectCartShippingRate({ input: { ...cart, rateId: standard } });
        return selectCartShippingRate.userErrors.length === 0 ? selectCartShippingRate.cart! : undefined;
      },
      15_000,
      'cart to know the shipping method',
    );
    expect(selected).toMatchObject({ selectedShippingRate: { rateId: standard, title: 'Standard', amount: USD(800) }, shippingTotal: { amount: 800 } });
    const below = (await shopper.sdk.ReviewCheckout({ input: cart })).reviewCheckout;
    expect(below.userErrors).toEqual([]);
    expect(below.cart).toMatchObject({ subtotal: USD(8000), discountTotal: { amount: 200 }, shippingTotal: { amount: 800 } });
    expect(discountCodesOf(below.cart!.appliedDiscounts)).toEqual(['automatic']);

    // a third board: 120.00 crosses the threshold, Standard is free and stays chosen; the automatic promotion still applies
    expect((await shopper.sdk.AddCartLines({ input: { ...cart, lines: [{ variantId: productId, quantity: 1 }] } })).addCartLines.userErrors).toEqual([]);
    expect(await rates()).toEqual({
      subtotal: { amount: 12000 },
      availableShippingRates: [{ id: standard, title: 'Standard', price: USD(0), freeOverApplied: true }],
    });
    const reselected = (await shopper.sdk.SelectCartShippingRate({ input: { ...cart, rateId: standard } })).selectCartShippingRate;
    expect(reselected.userErrors).toEqual([]);
    expect(reselected.cart).toMatchObject({ selectedShippingRate: { rateId: standard, amount: USD(0) }, shippingTotal: { amount: 0 } });
    const over = (await shopper.sdk.ReviewCheckout({ input: cart })).reviewCheckout;
    expect(over.userErrors).toEqual([]);
    expect(over.readyToComplete).toBe(true);
    const shown = over.cart!;
    expect(shown).toMatchObject({
      subtotal: USD(12000),
      discountTotal: { amount: 200 },
      shippingTotal: { amount: 0 },
      selectedShippingRate: { rateId: standard },
    });
    expect(discountCodesOf(shown.appliedDiscounts)).toEqual(['automatic']);
    expect(shown.total.amount).toBe(12000 - 200 + shown.taxTotal.amount);

    const { completeCheckout } = await shopper.sdk.CompleteCheckout({ input: { ...cart, idempotencyKey: randomUUID(), expectedTotal: shown.total } });
    expect(completeCheckout.userErrors).toEqual([]);
    const order = await orderOf(shopper.token, completeCheckout.orderId!);
    expect(order).toMatchObject(totalsOf(shown));
    expect(order.shippingLine).toEqual({ title: 'Standard', amount: { amount: 0 } });
  });
});
