import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role, type ShippingMethodRates } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { eventually } from '../../kit/test/support/test-names';
import type * as CartSubgraphModule from '../src/cart.subgraph';
import { productWith, upstreamEvents } from './support/upstream-events';
import { CREATE_CART, SELECT_SHIPPING_RATE, SET_ADDRESSES, type CartPayloadResult } from './support/cart-operations';
import { APPLY_CODE, CREATE_PROMOTION, DEACTIVATE_PROMOTION } from './support/promotion-operations';
import { COMPLETE_CHECKOUT, REVIEW_CHECKOUT, SET_CONTACT, SET_NOTE, type CompleteResult, type ReviewResult } from './support/checkout-operations';

interface Target {
  cartId: string;
  cartToken: string;
}

/** What `cart.checkout-completed` carries, as far as these tests read it. */
interface CompletedData {
  orderId: string;
  cartId: string;
  idempotencyKey: string;
  customerId: string | null;
  clientAddress: string | null;
  staffPlaced: boolean;
  email: string;
  note: string | null;
  shippingAddress: Record<string, unknown> | null;
  billingAddress: Record<string, unknown> | null;
  currencyCode: string;
  pricesIncludeTax: boolean;
  lines: Record<string, unknown>[];
  subtotal: number;
  discountTotal: number;
  shippingTotal: number;
  taxTotal: number;
  total: number;
  taxLines: { title: string; rateBasisPoints: number; amount: number }[];
  shippingLine: { rateId: string; title: string; amount: number } | null;
  discounts: { promotionId: string; code: string | null; title: string; amount: number }[];
}

const california = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  line1: '1 Main St',
  city: 'Los Angeles',
  provinceCode: 'CA',
  countryCode: 'US',
  postalCode: '90001',
};

describe('cart subgraph: checkout', () => {
  let cart: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => cart);
  const storeId = randomUUID();
  const store = { 'x-store-id': storeId };
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const tee = productWith([2000]);
  const mug = productWith([900]);

  const request = async <T>(query: string, variables: Record<string, unknown>, token?: string, headers = store) => {
    const result = await cart.client(token, headers).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const rawRequest = (query: string, variables: Record<string, unknown>, token?: string) => cart.client(token, store).rawRequest(query, variables);
  const createPromotion = async (input: Record<string, unknown>) => {
    const created = (await request<{ createPromotion: { promotion: { id: string }; userErrors: unknown[] } }>(CREATE_PROMOTION, { input }, merchant))
      .createPromotion;
    expect(created.userErrors).toEqual([]);
    return created.promotion;
  };
  const guestCart = async (lines = [{ variantId: tee.productId, quantity: 2 }], headers = store): Promise<Target> => {
    const made = (await request<{ createCart: CartPayloadResult }>(CREATE_CART, { input: { lines } }, undefined, headers)).createCart;
    expect(made.userErrors).toEqual([]);
    return { cartId: made.cart!.id, cartToken: made.cartToken! };
  };
  /** A guest cart ready to complete: lines, email, a Californian address, and the codes given. */
  const readyCart = async (codes: string[] = [], lines?: { variantId: string; quantity: number }[], headers = store) => {
    const target = await guestCart(lines, headers);
    expect(
      (await request<{ setCartEmail: { userErrors: unknown[] } }>(SET_CONTACT, { input: { ...target, email: 'Ada@Example.test' } }, undefined, headers))
        .setCartEmail.userErrors,
    ).toEqual([]);
    expect(
      (await request<{ setCartAddresses: CartPayloadResult }>(SET_ADDRESSES, { input: { ...target, shippingAddress: california } }, undefined, headers))
        .setCartAddresses.userErrors,
    ).toEqual([]);
    for (const code of codes) {
      expect(
        (await request<{ applyCartDiscountCode: CartPayloadResult }>(APPLY_CODE, { input: { ...target, code } }, undefined, headers)).applyCartDiscountCode
          .userErrors,
      ).toEqual([]);
    }
    return target;
  };
  const review = async (target: Target, token?: string) =>
    (await request<{ reviewCheckout: ReviewResult }>(REVIEW_CHECKOUT, { input: target }, token)).reviewCheckout;
  const complete = async (target: Target, extra: Record<string, unknown> = {}, token?: string) =>
    (await request<{ completeCheckout: CompleteResult }>(COMPLETE_CHECKOUT, { input: { ...target, idempotencyKey: randomUUID(), ...extra } }, token))
      .completeCheckout;
  const codes = (errors: { code: string }[]) => errors.map((error) => error.code);
  /** The cart's row and everything a completion would write, to prove a refusal wrote nothing. */
  const written = async (cartId: string) => ({
    cart: (await owner.query(`SELECT status, version, order_id, idempotency_key, updated_at FROM cart WHERE id = $1`, [cartId]))[0],
    codes: await owner.query(`SELECT code FROM cart_discount_code WHERE cart_id = $1 ORDER BY code`, [cartId]),
    promotions: await owner.query(`SELECT id, times_used FROM promotion WHERE store_id = $1 ORDER BY id`, [storeId]),
    usage: await owner.query(`SELECT * FROM promotion_order_usage WHERE store_id = $1 ORDER BY order_id, promotion_id`, [storeId]),
    customerUsage: await owner.query(`SELECT * FROM promotion_customer_usage WHERE store_id = $1 ORDER BY promotion_id, customer_id`, [storeId]),
    // what a checkout publishes: the cart's cart.created was written when the cart was made, before any checkout
    outbox: await owner.query(`SELECT id FROM outbox_event WHERE envelope->>'aggregateId' = $1 AND envelope->>'type' <> 'cart.created'`, [cartId]),
  });
  const completedEvent = async (cartId: string): Promise<CompletedData> => {
    let data: CompletedData | undefined;
    await eventually(
      async () => {
        const rows: { envelope: { type: string; data: CompletedData; aggregateId: string; storeId: string } }[] = await owner.query(
          `SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'cart.checkout-completed' AND envelope->>'aggregateId' = $1`,
          [cartId],
        );
        data = rows[0]?.envelope.data;
        return rows.length === 1;
      },
      10_000,
      `checkout of ${cartId} in the outbox`,
    );
    return data!;
  };
  const timesUsed = async (promotionId: string) => (await owner.query(`SELECT times_used FROM promotion WHERE id = $1`, [promotionId]))[0].times_used as number;
  const cartStatus = async (cartId: string) =>
    (await owner.query(`SELECT status, order_id FROM cart WHERE id = $1`, [cartId]))[0] as { status: string; order_id: string | null };

  beforeAll(async () => {
    // short, so completions orders never answers (no orders here) do not hold the suite up
    process.env.CART_CHECKOUT_REPLY_TIMEOUT_MS = '1500';
    const { cartSubgraph } = jest.requireActual<typeof CartSubgraphModule>('../src/cart.subgraph');
    cart = await startTestSubgraph(cartSubgraph);
    owner = await openOwnerConnection(cart.runtime.config);
    await events.storeCreated(storeId, 'USD');
    await events.productEvent(storeId, tee.productId, 1, tee.variants);
    await events.productEvent(storeId, mug.productId, 1, mug.variants);
    await request(
      `mutation ($input: CreateTaxRuleInput!) { createTaxRule(input: $input) { userErrors { code } } }`,
      { input: { title: 'CA sales tax', countryCode: 'US', provinceCode: 'CA', rateBasisPoints: 725 } },
      merchant,
    );
  }, 60_000);

  afterAll(async () => {
    delete process.env.CART_CHECKOUT_REPLY_TIMEOUT_MS;
    await owner?.destroy();
    await cart?.close();
  });

  it('completes a reviewed cart: the engine’s numbers leave in cart.checkout-completed, the code’s use is counted, orders.created answers with the order', async () => {
    const code = `TEN${randomUUID().slice(0, 6)}`.toUpperCase();
    const promotion = await createPromotion({ title: 'Ten off', code, valueKind: 'PERCENTAGE', basisPoints: 1000, usageLimit: 50 });
    const target = await readyCart(
      [code],
      [
        { variantId: tee.productId, quantity: 2 },
        { variantId: mug.productId, quantity: 1 },
      ],
    );
    expect(
      (await request<{ setCartNote: { userErrors: unknown[] } }>(SET_NOTE, { input: { ...target, note: '  Leave at the door ' } })).setCartNote.userErrors,
    ).toEqual([]);
    const reviewed = await review(target);
    expect(reviewed.userErrors).toEqual([]);
    expect(reviewed.readyToComplete).toBe(true);
    const shown = reviewed.cart!;
    // 4000 + 900 = 4900, 10 % off
    expect(shown.subtotal.amount).toBe(4900);
    expect(shown.discountTotal.amount).toBe(490);
    expect(shown.reviewedTotal).toEqual(shown.total);

    const completing = complete(target, { idempotencyKey: `key-${target.cartId}`, expectedTotal: shown.total });
    const data = await completedEvent(target.cartId);
    await events.publish('orders.created', storeId, data.orderId, { orderId: data.orderId, orderNumber: 1001, customerId: null, email: data.email });
    const completed = await completing;
    expect(completed.userErrors).toEqual([]);
    expect(completed.orderId).toBe(data.orderId);
    expect(completed.order).toEqual({ id: data.orderId });
    expect(completed.cart).toEqual({ id: target.cartId, orderId: data.orderId });

    expect(data).toMatchObject({
      cartId: target.cartId,
      idempotencyKey: `key-${target.cartId}`,
      customerId: null,
      staffPlaced: false,
      email: 'ada@example.test',
      note: 'Leave at the door',
      currencyCode: 'USD',
      pricesIncludeTax: false,
      subtotal: shown.subtotal.amount,
      discountTotal: shown.discountTotal.amount,
      shippingTotal: shown.shippingTotal.amount,
      taxTotal: shown.taxTotal.amount,
      total: shown.total.amount,
      shippingLine: null,
      shippingAddress: {
        name: 'Ada Lovelace',
        line1: '1 Main St',
        line2: null,
        city: 'Los Angeles',
        province: 'CA',
        postalCode: '90001',
        countryCode: 'US',
        phone: null,
      },
      billingAddress: { name: 'Ada Lovelace', company: null, province: 'CA', countryCode: 'US' },
      discounts: [{ promotionId: promotion.id, code, title: 'Ten off', amount: 490 }],
    });
    expect(data.taxLines).toEqual(shown.taxLines.map((line) => ({ title: line.title, rateBasisPoints: line.rateBasisPoints, amount: line.amount.amount })));
    expect(data.lines).toHaveLength(2);
    expect(data.lines[0]).toMatchObject({ productId: tee.productId, variantId: tee.productId, title: 'Tee', quantity: 2, unitPrice: 2000, subtotal: 4000 });
    expect(data.lines.reduce((sum, line) => sum + (line.total as number), 0)).toBe(data.subtotal - data.discountTotal + data.taxTotal);
    expect(await timesUsed(promotion.id)).toBe(1);
    expect(await cartStatus(target.cartId)).toEqual({ status: 'CHECKED_OUT', order_id: data.orderId });
    // no longer the shopper's open cart
    expect(codes((await review(target)).userErrors)).toEqual(['CART_NOT_FOUND']);

    // the same key again: the same order, nothing new
    const before = await written(target.cartId);
    const replayed = await complete(target, { idempotencyKey: `key-${target.cartId}` });
    expect(replayed).toMatchObject({ orderId: data.orderId, order: { id: data.orderId }, userErrors: [] });
    // someone else with that key: refused
    const other = await readyCart();
    const reused = await complete(other, { idempotencyKey: `key-${target.cartId}` });
    expect(codes(reused.userErrors)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await written(target.cartId)).toEqual(before);
    expect((await written(other.cartId)).outbox).toEqual([]);
  });

  it('answers with the order id alone when orders does not answer in time', async () => {
    const target = await readyCart();
    const completed = await complete(target);
    expect(completed.userErrors).toEqual([]);
    expect(completed.order).toBeNull();
    expect(completed.orderId).toBe((await completedEvent(target.cartId)).orderId);
  });

  it('orders.checkout-refused: the shopper gets its code as a userError, the cart opens again and the code’s use is given back', async () => {
    const code = `REF${randomUUID().slice(0, 6)}`.toUpperCase();
    const promotion = await createPromotion({ title: 'Five off', code, valueKind: 'FIXED_AMOUNT', amount: 500 });
    const target = await readyCart([code]);
    const completing = complete(target);
    const data = await completedEvent(target.cartId);
    expect(await timesUsed(promotion.id)).toBe(1);
    const refusal = { orderId: data.orderId, cartId: target.cartId, code: 'RATE_LIMITED', message: 'Too many unpaid orders', field: null };
    const event = await events.publish('orders.checkout-refused', storeId, data.orderId, refusal);
    const completed = await completing;
    expect(completed).toEqual({
      orderId: null,
      order: null,
      cart: null,
      userErrors: [{ code: 'RATE_LIMITED', field: null, message: 'Too many unpaid orders' }],
    });
    await eventually(async () => (await cartStatus(target.cartId)).status === 'OPEN', 10_000, 'cart reopened');
    expect(await cartStatus(target.cartId)).toEqual({ status: 'OPEN', order_id: null });
    expect(await timesUsed(promotion.id)).toBe(0);
    // a redelivery (a new event id, the same refusal) gives nothing back twice
    const again = await events.publish('orders.checkout-refused', storeId, data.orderId, refusal);
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = ANY($1::uuid[])`, [[event.id, again.id]])).length === 2,
      10_000,
      'both refusals handled',
    );
    expect(await timesUsed(promotion.id)).toBe(0);
    // the reopened cart checks out again, with a new order id
    const retried = await complete(target);
    expect(retried.userErrors).toEqual([]);
    expect(retried.orderId).not.toBe(data.orderId);
    expect(await timesUsed(promotion.id)).toBe(1);
  });

  it('orders.cancelled gives the promotions’ uses back, once', async () => {
    const code = `CAN${randomUUID().slice(0, 6)}`.toUpperCase();
    const promotion = await createPromotion({ title: 'Three off', code, valueKind: 'FIXED_AMOUNT', amount: 300, usageLimit: 1 });
    const target = await readyCart([code]);
    const completed = await complete(target);
    expect(completed.userErrors).toEqual([]);
    expect(await timesUsed(promotion.id)).toBe(1);
    const cancelled = { orderId: completed.orderId, orderNumber: 1002, customerId: null, email: 'ada@example.test', reason: null, reasonCode: null };
    const first = await events.publish('orders.cancelled', storeId, completed.orderId!, cancelled, 3);
    const second = await events.publish('orders.cancelled', storeId, completed.orderId!, cancelled, 3);
    await eventually(
      async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = ANY($1::uuid[])`, [[first.id, second.id]])).length === 2,
      10_000,
      'both cancellations handled',
    );
    expect(await timesUsed(promotion.id)).toBe(0);
    // its one use is free again: another cart completes with it
    expect((await complete(await readyCart([code]))).userErrors).toEqual([]);
    expect(await timesUsed(promotion.id)).toBe(1);
  });

  it('reports what blocks completion, and completeCheckout refuses each writing nothing', async () => {
    const bare = await guestCart();
    const reviewed = await review(bare);
    expect(reviewed.readyToComplete).toBe(false);
    expect(codes(reviewed.userErrors)).toEqual(['EMAIL_REQUIRED', 'SHIPPING_ADDRESS_REQUIRED']);
    const before = await written(bare.cartId);
    expect(codes((await complete(bare)).userErrors)).toEqual(['EMAIL_REQUIRED', 'SHIPPING_ADDRESS_REQUIRED']);
    expect(await written(bare.cartId)).toEqual(before);

    // an address without a name or postal code is not enough for an order
    const nameless = await readyCart();
    await request(SET_ADDRESSES, { input: { ...nameless, shippingAddress: { ...california, firstName: null, lastName: null, postalCode: null } } });
    expect(codes((await review(nameless)).userErrors)).toEqual(['ADDRESS_INCOMPLETE', 'ADDRESS_INCOMPLETE']);

    // the shopper's total moved: CHECKOUT_TOTAL_CHANGED
    const ready = await readyCart();
    const total = (await review(ready)).cart!.total;
    const unchanged = await written(ready.cartId);
    const moved = await complete(ready, { expectedTotal: { amount: total.amount + 1, currencyCode: 'USD' } });
    expect(codes(moved.userErrors)).toEqual(['CHECKOUT_TOTAL_CHANGED']);
    expect(await written(ready.cartId)).toEqual(unchanged);

    // not the caller's cart
    expect(codes((await complete({ ...ready, cartToken: 'not-the-token' })).userErrors)).toEqual(['CART_NOT_FOUND']);
    expect(await written(ready.cartId)).toEqual(unchanged);
  });

  it('bad input is refused before anything is written', async () => {
    const target = await readyCart();
    const before = await written(target.cartId);
    const tooLong = await rawRequest(SET_NOTE, { input: { ...target, note: 'x'.repeat(1001) } });
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const noKey = await rawRequest(COMPLETE_CHECKOUT, { input: { ...target, idempotencyKey: '' } });
    expect(noKey.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const longKey = await rawRequest(COMPLETE_CHECKOUT, { input: { ...target, idempotencyKey: 'k'.repeat(101) } });
    expect(longKey.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badTotal = await rawRequest(COMPLETE_CHECKOUT, { input: { ...target, idempotencyKey: 'k', expectedTotal: { amount: -1, currencyCode: 'usd' } } });
    expect(badTotal.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCart = await rawRequest(REVIEW_CHECKOUT, { input: { cartId: 'not-a-uuid', cartToken: target.cartToken } });
    expect(badCart.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badPhone = await rawRequest(SET_CONTACT, { input: { ...target, email: 'ada@example.test', phone: 'call me' } });
    expect(badPhone.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await written(target.cartId)).toEqual(before);
  });

  it('an ended or deactivated code is taken off at review (DISCOUNT_CODE_EXPIRED); completing before the review refuses', async () => {
    const code = `OLD${randomUUID().slice(0, 6)}`.toUpperCase();
    const promotion = await createPromotion({ title: 'Old deal', code, valueKind: 'PERCENTAGE', basisPoints: 2000 });
    const target = await readyCart([code]);
    const deactivated = await request<{ deactivatePromotion: { userErrors: unknown[] } }>(DEACTIVATE_PROMOTION, { input: { id: promotion.id } }, merchant);
    expect(deactivated.deactivatePromotion.userErrors).toEqual([]);
    const before = await written(target.cartId);
    const refused = await complete(target);
    expect(codes(refused.userErrors)).toEqual(['DISCOUNT_CODE_EXPIRED']);
    expect(refused.userErrors[0].message).toContain(code);
    expect(await written(target.cartId)).toEqual(before);

    const reviewed = await review(target);
    expect(reviewed.userErrors).toEqual([
      { code: 'DISCOUNT_CODE_EXPIRED', field: ['cart', 'discountCodes', code], message: expect.stringContaining('was deactivated') },
    ]);
    expect(reviewed.readyToComplete).toBe(true);
    expect(reviewed.cart!.discountCodes).toEqual([]);
    expect((await complete(target)).userErrors).toEqual([]);
  });

  it('a price changed since the line was added is reported at review (PRICE_CHANGED) and must be reviewed before completing', async () => {
    const hat = productWith([1500]);
    await events.productEvent(storeId, hat.productId, 1, hat.variants, { title: 'Hat' });
    const target = await readyCart([], [{ variantId: hat.productId, quantity: 1 }]);
    await events.productEvent(storeId, hat.productId, 2, [{ ...hat.variants[0], price: { amount: 1700, currencyCode: 'USD' } }], { title: 'Hat' });
    const before = await written(target.cartId);
    expect(codes((await complete(target)).userErrors)).toEqual(['PRICE_CHANGED']);
    expect(await written(target.cartId)).toEqual(before);
    const reviewed = await review(target);
    expect(reviewed.userErrors).toEqual([
      { code: 'PRICE_CHANGED', field: ['cart', 'lines', '0'], message: expect.stringContaining('from 1500 USD to 1700 USD') },
    ]);
    expect(reviewed.readyToComplete).toBe(true);
    expect(reviewed.cart!.subtotal.amount).toBe(1700);
    expect((await review(target)).userErrors).toEqual([]);
    expect((await complete(target)).userErrors).toEqual([]);
  });

  it('a line no longer on sale (LINE_UNAVAILABLE) or short of stock (INSUFFICIENT_STOCK) blocks completion', async () => {
    const cap = productWith([1200]);
    const scarf = productWith([3000]);
    await events.productEvent(storeId, cap.productId, 1, cap.variants, { title: 'Cap' });
    await events.productEvent(storeId, scarf.productId, 1, scarf.variants, { title: 'Scarf' });
    const target = await readyCart(
      [],
      [
        { variantId: cap.productId, quantity: 1 },
        { variantId: scarf.productId, quantity: 3 },
      ],
    );
    await events.productEvent(storeId, cap.productId, 2, cap.variants, { title: 'Cap', status: 'ARCHIVED' });
    const stock = await events.publish(
      'inventory.stock-changed',
      storeId,
      scarf.productId,
      {
        productId: scarf.productId,
        variantId: scarf.productId,
        locationId: randomUUID(),
        onHand: 2,
        reserved: 0,
        available: 2,
        variant: { onHand: 2, reserved: 0, available: 2 },
        location: { onHand: 2, reserved: 0, available: 2, incoming: 0, lowStockThreshold: 0 },
        lowStockThreshold: 0,
        delta: -8,
        reason: 'adjustment',
      },
      4,
    );
    await eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [stock.id])).length === 1, 10_000, 'stock heard');
    const reviewed = await review(target);
    expect(reviewed.readyToComplete).toBe(false);
    expect(reviewed.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['LINE_UNAVAILABLE', ['cart', 'lines', '0']],
      ['INSUFFICIENT_STOCK', ['cart', 'lines', '1']],
    ]);
    const before = await written(target.cartId);
    expect(codes((await complete(target)).userErrors)).toEqual(['LINE_UNAVAILABLE', 'INSUFFICIENT_STOCK']);
    expect(await written(target.cartId)).toEqual(before);
  });

  it('a shipping rate is required where the store ships to the address', async () => {
    const standard: ShippingMethodRates = {
      methodId: randomUUID(),
      name: 'Standard',
      zone: { zoneId: randomUUID(), name: 'Nevada', regions: [{ countryCode: 'US', provinceCode: 'NV', postalCodePrefix: null }] },
      rate: { kind: 'FLAT', amount: 700 },
      freeOverSubtotal: null,
      currencyCode: 'USD',
      taxClass: null,
    };
    await events.shippingMethodUpdated(storeId, standard, 1);
    const target = await readyCart();
    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: { ...california, provinceCode: 'NV', city: 'Reno', postalCode: '89501' } } });
    expect(codes((await review(target)).userErrors)).toEqual(['SHIPPING_RATE_REQUIRED']);
    expect(codes((await complete(target)).userErrors)).toEqual(['SHIPPING_RATE_REQUIRED']);
    await request(SELECT_SHIPPING_RATE, { input: { ...target, rateId: standard.methodId } });
    const reviewed = await review(target);
    expect(reviewed.userErrors).toEqual([]);
    const completing = complete(target);
    const data = await completedEvent(target.cartId);
    await completing;
    expect(data.shippingLine).toEqual({ rateId: standard.methodId, title: 'Standard', amount: 700 });
    expect(data.shippingTotal).toBe(700);
    expect(data.total).toBe(reviewed.cart!.total.amount);
  });

  it("honours the store's guest checkout and phone settings", async () => {
    const strictStore = randomUUID();
    const strict = { 'x-store-id': strictStore };
    await events.storeCreated(strictStore, 'USD');
    const socks = productWith([800]);
    await events.productEvent(strictStore, socks.productId, 1, socks.variants, { title: 'Socks' });
    const updated = await events.publish(
      'stores.updated',
      strictStore,
      strictStore,
      { storeId: strictStore, currency: 'USD', settings: { guestCheckoutEnabled: false, requirePhoneAtCheckout: true } },
      2,
    );
    await eventually(async () => (await owner.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [updated.id])).length >= 2, 10_000, 'settings heard');
    const target = await readyCart([], [{ variantId: socks.productId, quantity: 1 }], strict);
    const reviewGuest = (await request<{ reviewCheckout: ReviewResult }>(REVIEW_CHECKOUT, { input: target }, undefined, strict)).reviewCheckout;
    expect(codes(reviewGuest.userErrors)).toEqual(['GUEST_CHECKOUT_DISABLED', 'PHONE_REQUIRED']);
    const completeIn = (token?: string) =>
      request<{ completeCheckout: CompleteResult }>(COMPLETE_CHECKOUT, { input: { ...target, idempotencyKey: randomUUID() } }, token, strict);
    expect(codes((await completeIn()).completeCheckout.userErrors)).toEqual(['GUEST_CHECKOUT_DISABLED', 'PHONE_REQUIRED']);
    // signed in, with a phone: it goes through (a guest cart completed by a customer is theirs)
    const shopper = tokenFor([Role.CUSTOMER], strictStore);
    await request(SET_CONTACT, { input: { ...target, email: 'ada@example.test', phone: '+1 555 0100' } }, undefined, strict);
    const completed = (await completeIn(shopper)).completeCheckout;
    expect(completed.userErrors).toEqual([]);
    const rows: { envelope: { data: CompletedData } }[] = await owner.query(
      `SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'cart.checkout-completed' AND envelope->>'aggregateId' = $1`,
      [target.cartId],
    );
    expect(rows[0].envelope.data.customerId).not.toBeNull();
    expect(rows[0].envelope.data.shippingAddress!.phone).toBe('+1 555 0100');
  });

  it('placeOrder is a buy-now through the same path: the cheapest offered rate, the same event, a replay answers the same order, refusals write nothing', async () => {
    const PLACE_ORDER = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code field message } } }`;
    const cheap: ShippingMethodRates = {
      methodId: randomUUID(),
      name: 'Ground',
      zone: { zoneId: randomUUID(), name: 'Oregon', regions: [{ countryCode: 'US', provinceCode: 'OR', postalCodePrefix: null }] },
      rate: { kind: 'FLAT', amount: 400 },
      freeOverSubtotal: null,
      currencyCode: 'USD',
      taxClass: null,
    };
    const dear = { ...cheap, methodId: randomUUID(), name: 'Air', rate: { kind: 'FLAT' as const, amount: 1200 } };
    await events.shippingMethodUpdated(storeId, cheap, 1);
    await events.shippingMethodUpdated(storeId, dear, 1);
    const input = {
      items: [{ productId: tee.productId, quantity: 1 }],
      email: 'Buyer@Example.test',
      shippingAddress: { name: 'Bo Buyer', line1: '2 Oak St', city: 'Portland', province: 'OR', postalCode: '97201', countryCode: 'US' },
      idempotencyKey: `buy-${randomUUID()}`,
    };
    const placed = (await request<{ placeOrder: { order: { id: string } | null; userErrors: unknown[] } }>(PLACE_ORDER, { input })).placeOrder;
    expect(placed.userErrors).toEqual([]);
    const orderId = placed.order!.id;
    const [row] = await owner.query(`SELECT id, status, order_id, shipping_rate_id FROM cart WHERE order_id = $1`, [orderId]);
    expect(row).toMatchObject({ status: 'BUY_NOW', shipping_rate_id: cheap.methodId });
    const data = await completedEvent(row.id);
    expect(data).toMatchObject({
      orderId,
      email: 'buyer@example.test',
      subtotal: 2000,
      shippingTotal: 400,
      shippingLine: { rateId: cheap.methodId, title: 'Ground', amount: 400 },
      shippingAddress: { name: 'Bo Buyer', province: 'OR', postalCode: '97201', countryCode: 'US' },
    });
    // the same key again: the same order, nothing new
    const replayed = (await request<{ placeOrder: { order: { id: string } | null; userErrors: unknown[] } }>(PLACE_ORDER, { input })).placeOrder;
    expect(replayed).toEqual({ order: { id: orderId }, userErrors: [] });
    expect(await owner.query(`SELECT id FROM cart WHERE status = 'BUY_NOW' AND store_id = $1`, [storeId])).toHaveLength(1);
    // refusals: nothing written, not even the one-off cart
    const shirt = productWith([1000, 1100]);
    await events.productEvent(storeId, shirt.productId, 1, shirt.variants, { title: 'Shirt' });
    const refuse = async (changes: Record<string, unknown>) =>
      (
        await request<{ placeOrder: { userErrors: { code: string; field: string[] | null }[] } }>(PLACE_ORDER, {
          input: { ...input, idempotencyKey: randomUUID(), ...changes },
        })
      ).placeOrder.userErrors;
    expect(await refuse({ items: [{ productId: shirt.productId, quantity: 1 }] })).toEqual([
      { code: 'VARIANT_REQUIRED', field: ['input', 'items', '0', 'productId'], message: expect.any(String) },
    ]);
    expect((await refuse({ items: [{ variantId: randomUUID(), quantity: 1 }] })).map((error) => error.code)).toEqual(['PRODUCT_NOT_AVAILABLE']);
    const both = await rawRequest(PLACE_ORDER, { input: { ...input, items: [{ productId: tee.productId, variantId: tee.productId, quantity: 1 }] } });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await owner.query(`SELECT id FROM cart WHERE status = 'BUY_NOW' AND store_id = $1`, [storeId])).toHaveLength(1);
  });

  it('the race: 100 carts holding a 10-use code complete at once — exactly 10 orders, the others DISCOUNT_CODE_USED_UP and unchanged', async () => {
    const code = `RACE${randomUUID().slice(0, 6)}`.toUpperCase();
    const promotion = await createPromotion({ title: 'Race', code, valueKind: 'PERCENTAGE', basisPoints: 500, usageLimit: 10 });
    const targets: Target[] = [];
    for (let batch = 0; batch < 10; batch++) targets.push(...(await Promise.all(Array.from({ length: 10 }, () => readyCart([code])))));
    const before = new Map(await Promise.all(targets.map(async (target) => [target.cartId, await written(target.cartId)] as const)));
    const results = await Promise.all(targets.map((target) => complete(target)));
    const succeeded = results.filter((result) => result.userErrors.length === 0);
    expect(succeeded).toHaveLength(10);
    expect(results.filter((result) => codes(result.userErrors).join() === 'DISCOUNT_CODE_USED_UP')).toHaveLength(90);
    expect(await timesUsed(promotion.id)).toBe(10);
    expect((await owner.query(`SELECT count(*)::int AS n FROM promotion_order_usage WHERE promotion_id = $1`, [promotion.id]))[0].n).toBe(10);
    for (const [index, result] of results.entries()) {
      const cartId = targets[index].cartId;
      if (result.userErrors.length > 0) {
        const after = await written(cartId);
        expect(after.cart).toEqual(before.get(cartId)!.cart);
        expect(after.outbox).toEqual([]);
      } else expect((await cartStatus(cartId)).status).toBe('CHECKED_OUT');
    }
  }, 120_000);

  it('the per-customer limit holds under the race too: one customer completing 10 carts with a twice-per-customer code gets 2', async () => {
    const code = `EACH${randomUUID().slice(0, 6)}`.toUpperCase();
    const promotion = await createPromotion({ title: 'Twice each', code, valueKind: 'FIXED_AMOUNT', amount: 100, usageLimitPerCustomer: 2 });
    const customerId = randomUUID();
    const customer = tokenFor([Role.CUSTOMER], storeId, customerId);
    const targets = await Promise.all(Array.from({ length: 10 }, () => readyCart([code])));
    const results = await Promise.all(targets.map((target) => complete(target, {}, customer)));
    expect(results.filter((result) => result.userErrors.length === 0)).toHaveLength(2);
    expect(results.filter((result) => codes(result.userErrors).join() === 'DISCOUNT_CODE_USED_UP')).toHaveLength(8);
    expect(await timesUsed(promotion.id)).toBe(2);
    expect(
      await owner.query(`SELECT times_used FROM promotion_customer_usage WHERE promotion_id = $1 AND customer_id = $2`, [promotion.id, customerId]),
    ).toEqual([{ times_used: 2 }]);
    // another customer still may
    expect((await complete(await readyCart([code]), {}, tokenFor([Role.CUSTOMER], storeId))).userErrors).toEqual([]);
  }, 60_000);
});
