import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { priceCart, Role, type Promotion as EnginePromotion } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import type * as CartSubgraphModule from '../src/cart.subgraph';
import { productWith, upstreamEvents } from './support/upstream-events';
import { CREATE_CART, MERGE_CART, type CartPayloadResult } from './support/cart-operations';
import {
  APPLY_CODE,
  CREATE_PROMOTION,
  DEACTIVATE_PROMOTION,
  DISCOUNTED_CART,
  PROMOTION,
  PROMOTIONS,
  REMOVE_CODE,
  UPDATE_PROMOTION,
  type DiscountedCartResult,
  type PromotionResult,
} from './support/promotion-operations';

interface Payload<T> {
  userErrors: { code: string; field: string[] | null }[];
  promotion?: T | null;
  cart?: DiscountedCartResult | null;
}

describe('cart subgraph: discount codes and automatic promotions', () => {
  let cart: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => cart);
  const storeId = randomUUID();
  const store = { 'x-store-id': storeId };
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const tee = productWith([2000]);
  const mug = productWith([900]);
  /** Another store's product, in cart's catalog view under that store. */
  const elsewhere = productWith([1000]);
  const teeId = tee.variants[0].variantId;
  const mugId = mug.variants[0].variantId;

  const request = async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
    const result = await cart.client(token, store).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const staffMutate = async (name: string, query: string, input: Record<string, unknown>) =>
    (await request<Record<string, Payload<PromotionResult>>>(query, { input }, merchant))[name];
  const shopperMutate = async (name: string, query: string, input: Record<string, unknown>) =>
    (await request<Record<string, Payload<never>>>(query, { input }))[name];
  const createPromotion = async (input: Record<string, unknown>) => {
    const created = await staffMutate('createPromotion', CREATE_PROMOTION, input);
    expect(created.userErrors).toEqual([]);
    return created.promotion!;
  };
  const guestCart = async () => {
    const created = (
      await request<{ createCart: CartPayloadResult }>(CREATE_CART, {
        input: {
          lines: [
            { variantId: teeId, quantity: 3 },
            { variantId: mugId, quantity: 2 },
          ],
        },
      })
    ).createCart;
    return { cartId: created.cart!.id, cartToken: created.cartToken! };
  };
  const readCart = async (target: { cartId: string; cartToken: string }) =>
    (await request<{ cart: DiscountedCartResult }>(DISCOUNTED_CART, { id: target.cartId, token: target.cartToken })).cart;
  const written = async () => ({
    promotions: await owner.query(`SELECT * FROM promotion WHERE store_id = $1 ORDER BY id`, [storeId]),
    codes: await owner.query(`SELECT * FROM cart_discount_code WHERE store_id = $1 ORDER BY cart_id, code`, [storeId]),
    carts: await owner.query(`SELECT id, version, updated_at FROM cart WHERE store_id = $1 ORDER BY id`, [storeId]),
  });

  beforeAll(async () => {
    const { cartSubgraph } = jest.requireActual<typeof CartSubgraphModule>('../src/cart.subgraph');
    cart = await startTestSubgraph(cartSubgraph);
    owner = await openOwnerConnection(cart.runtime.config);
    await events.storeCreated(storeId, 'USD');
    await events.productEvent(storeId, tee.productId, 1, tee.variants, { title: 'Tee' });
    await events.productEvent(storeId, mug.productId, 1, mug.variants, { title: 'Mug' });
    await events.productEvent(randomUUID(), elsewhere.productId, 1, elsewhere.variants, { title: 'Elsewhere' });
  });
  afterAll(async () => {
    await owner?.destroy();
    await cart?.close();
  });

  it('prices a cart with an automatic promotion and a code exactly as priceCart does, per line and in total', async () => {
    const automatic = await createPromotion({
      title: 'Tee deal',
      valueKind: 'FIXED_AMOUNT',
      amount: 500,
      targetKind: 'LINES',
      productIds: [tee.productId],
      minimumQuantity: 2,
      priority: 1,
      combinable: true,
    });
    const coded = await createPromotion({ title: 'Ten off', code: 'save10', valueKind: 'PERCENTAGE', basisPoints: 1000, priority: 2, combinable: true });
    expect(coded).toMatchObject({ code: 'SAVE10', targetKind: 'ORDER', timesUsed: 0, active: true, usageLimit: null });
    const target = await guestCart();

    const applied = await shopperMutate('applyCartDiscountCode', APPLY_CODE, { ...target, code: 'Save10' });
    expect(applied.userErrors).toEqual([]);
    const priced = applied.cart!;
    expect(priced.discountCodes).toEqual([{ code: 'SAVE10', applicable: true, reason: null }]);
    expect(priced.appliedDiscounts.map((discount) => [discount.title, discount.code])).toEqual([
      ['Tee deal', null],
      ['Ten off', 'SAVE10'],
    ]);

    const enginePromotions: EnginePromotion[] = [
      {
        promotionId: automatic.id,
        title: 'Tee deal',
        code: null,
        value: { kind: 'FIXED_AMOUNT', amount: 500 },
        target: { kind: 'LINES', productIds: [tee.productId], variantIds: [], collectionIds: [] },
        minimumSubtotal: null,
        minimumQuantity: 2,
        startsAt: null,
        endsAt: null,
        priority: 1,
        combinable: true,
      },
      {
        promotionId: coded.id,
        title: 'Ten off',
        code: 'SAVE10',
        value: { kind: 'PERCENTAGE', basisPoints: 1000 },
        target: { kind: 'ORDER' },
        minimumSubtotal: null,
        minimumQuantity: null,
        startsAt: null,
        endsAt: null,
        priority: 2,
        combinable: true,
      },
    ];
    const line = (lineId: string, variantId: string, productId: string, quantity: number, unitPrice: number) => ({
      lineId,
      variantId,
      productId,
      quantity,
      unitPrice,
      unitWeightGrams: 250,
      taxClass: null,
      collectionIds: [],
      tags: ['summer'],
      productType: 'Shirt',
      vendor: 'Acme',
    });
    const [teeLine, mugLine] = priced.lines;
    const expected = priceCart({
      settings: { currencyCode: 'USD', rounding: 'PER_LINE', pricesIncludeTax: false },
      lines: [line(teeLine.id, teeId, tee.productId, 3, 2000), line(mugLine.id, mugId, mug.productId, 2, 900)],
      customer: { customerId: null, taxExempt: false },
      shippingAddress: null,
      shippingRate: null,
      promotions: enginePromotions,
      codes: ['SAVE10'],
      taxRules: [],
      now: new Date(),
    });
    expect(expected.discountTotal).toBeGreaterThan(500);
    expect([priced.subtotal.amount, priced.discountTotal.amount, priced.total.amount]).toEqual([expected.subtotal, expected.discountTotal, expected.total]);
    for (const [index, pricedLine] of priced.lines.entries()) {
      expect(pricedLine.discountAllocations.map((allocation) => [allocation.promotionId, allocation.amount.amount])).toEqual(
        expected.lines[index].discounts.map((allocation) => [allocation.promotionId, allocation.amount]),
      );
    }

    // nothing cached: a deactivated promotion leaves the cart at its next read; the code stays on the cart, not applying
    await staffMutate('deactivatePromotion', DEACTIVATE_PROMOTION, { id: automatic.id });
    await staffMutate('deactivatePromotion', DEACTIVATE_PROMOTION, { id: coded.id });
    const after = await readCart(target);
    expect(after.appliedDiscounts).toEqual([]);
    expect(after.discountTotal.amount).toBe(0);
    expect(after.discountCodes).toEqual([{ code: 'SAVE10', applicable: false, reason: 'UNKNOWN_CODE' }]);

    const removed = await shopperMutate('removeCartDiscountCode', REMOVE_CODE, { ...target, code: 'save10' });
    expect(removed.cart!.discountCodes).toEqual([]);
    const again = await shopperMutate('removeCartDiscountCode', REMOVE_CODE, { ...target, code: 'SAVE10' });
    expect(again.userErrors.map((error) => error.code)).toEqual(['DISCOUNT_CODE_NOT_FOUND']);
  });

  it('refuses unknown, inactive, expired, not-yet-valid and used-up codes, writing nothing', async () => {
    const target = await guestCart();
    await createPromotion({ title: 'Off', code: 'OFFCODE', valueKind: 'PERCENTAGE', basisPoints: 500, active: undefined });
    const inactive = await createPromotion({ title: 'Old', code: 'OLDCODE', valueKind: 'PERCENTAGE', basisPoints: 500 });
    await staffMutate('deactivatePromotion', DEACTIVATE_PROMOTION, { id: inactive.id });
    await createPromotion({ title: 'Past', code: 'PASTCODE', valueKind: 'FREE_SHIPPING', endsAt: new Date(Date.now() - 60_000).toISOString() });
    await createPromotion({ title: 'Later', code: 'LATERCODE', valueKind: 'FREE_SHIPPING', startsAt: new Date(Date.now() + 3_600_000).toISOString() });
    const limited = await createPromotion({ title: 'Few', code: 'FEWCODE', valueKind: 'FIXED_AMOUNT', amount: 100, usageLimit: 2 });
    await owner.query(`UPDATE promotion SET times_used = 2 WHERE id = $1`, [limited.id]);
    const before = await written();
    for (const [code, expected] of [
      ['NOSUCHCODE', 'DISCOUNT_CODE_NOT_FOUND'],
      ['oldcode', 'DISCOUNT_CODE_NOT_FOUND'],
      ['PASTCODE', 'DISCOUNT_CODE_EXPIRED'],
      ['LATERCODE', 'DISCOUNT_CODE_EXPIRED'],
      ['FEWCODE', 'DISCOUNT_CODE_USED_UP'],
    ]) {
      const answer = await shopperMutate('applyCartDiscountCode', APPLY_CODE, { ...target, code });
      expect({ code, cart: answer.cart, codes: answer.userErrors.map((error) => error.code) }).toEqual({ code, cart: null, codes: [expected] });
    }
    const wrongToken = await shopperMutate('applyCartDiscountCode', APPLY_CODE, { ...target, cartToken: 'wrong', code: 'OFFCODE' });
    expect(wrongToken.userErrors.map((error) => error.code)).toEqual(['CART_NOT_FOUND']);
    const malformed = await cart.client(undefined, store).rawRequest(APPLY_CODE, { input: { ...target, code: 'no spaces allowed' } });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await written()).toEqual(before);
  });

  it('lets staff create, update, deactivate, list in keyset pages and read promotions; refuses incoherent ones and taken codes, writing nothing', async () => {
    const before = await written();
    const refusals: [Record<string, unknown>, string, string[]][] = [
      [{ title: 'No bp', valueKind: 'PERCENTAGE' }, 'INVALID_PROMOTION', ['input', 'basisPoints']],
      [{ title: 'No amount', valueKind: 'FIXED_AMOUNT', basisPoints: 100 }, 'INVALID_PROMOTION', ['input', 'amount']],
      [{ title: 'Extra', valueKind: 'FIXED_AMOUNT', amount: 100, basisPoints: 100 }, 'INVALID_PROMOTION', ['input', 'basisPoints']],
      [{ title: 'BXGY', valueKind: 'BUY_X_GET_Y', buyQuantity: 2 }, 'INVALID_PROMOTION', ['input', 'getQuantity']],
      [{ title: 'Lines', valueKind: 'FREE_SHIPPING', targetKind: 'LINES' }, 'INVALID_PROMOTION', ['input', 'productIds']],
      [{ title: 'Order', valueKind: 'FREE_SHIPPING', productIds: [tee.productId] }, 'INVALID_PROMOTION', ['input', 'targetKind']],
      [
        { title: 'Window', valueKind: 'FREE_SHIPPING', startsAt: '2027-01-02T00:00:00Z', endsAt: '2027-01-01T00:00:00Z' },
        'INVALID_PROMOTION',
        ['input', 'endsAt'],
      ],
      [{ title: 'Taken', code: 'offcode', valueKind: 'FREE_SHIPPING' }, 'CODE_TAKEN', ['input', 'code']],
      // targets must be the store's own: another store's product or variant, or one cart never heard of
      [
        { title: 'Theirs', valueKind: 'FREE_SHIPPING', targetKind: 'LINES', productIds: [tee.productId, elsewhere.productId] },
        'INVALID_PROMOTION',
        ['input', 'productIds'],
      ],
      [
        { title: 'Their variant', valueKind: 'FREE_SHIPPING', targetKind: 'LINES', variantIds: [elsewhere.variants[0].variantId] },
        'INVALID_PROMOTION',
        ['input', 'variantIds'],
      ],
      [{ title: 'Unheard of', valueKind: 'FREE_SHIPPING', targetKind: 'LINES', productIds: [randomUUID()] }, 'INVALID_PROMOTION', ['input', 'productIds']],
    ];
    for (const [input, code, field] of refusals) {
      const answer = await staffMutate('createPromotion', CREATE_PROMOTION, input);
      expect({ input, promotion: answer.promotion, errors: answer.userErrors.map((error) => [error.code, error.field]) }).toEqual({
        input,
        promotion: null,
        errors: [[code, field]],
      });
    }
    for (const input of [
      { title: '', valueKind: 'FREE_SHIPPING' },
      { title: 'Too much', valueKind: 'PERCENTAGE', basisPoints: 10_001 },
      { title: 'Bad code', code: 'a b', valueKind: 'FREE_SHIPPING' },
      { title: 'Bad id', valueKind: 'FREE_SHIPPING', targetKind: 'LINES', productIds: ['nope'] },
    ]) {
      const invalid = await cart.client(merchant, store).rawRequest(CREATE_PROMOTION, { input });
      expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const shopper = await cart.client(tokenFor([Role.CUSTOMER], storeId, randomUUID()), store).rawRequest(CREATE_PROMOTION, {
      input: { title: 'Mine', valueKind: 'FREE_SHIPPING' },
    });
    expect(shopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await written()).toEqual(before);

    const bxgy = await createPromotion({
      title: 'Mugs 2+1',
      valueKind: 'BUY_X_GET_Y',
      buyQuantity: 2,
      getQuantity: 1,
      targetKind: 'LINES',
      variantIds: [mugId, mugId],
      usageLimitPerCustomer: 1,
    });
    expect(bxgy).toMatchObject({ basisPoints: null, variantIds: [mugId], usageLimitPerCustomer: 1, code: null });
    const updated = await staffMutate('updatePromotion', UPDATE_PROMOTION, { id: bxgy.id, basisPoints: 5000, code: 'mugs', priority: 3 });
    expect(updated.promotion).toMatchObject({ basisPoints: 5000, code: 'MUGS', priority: 3, title: 'Mugs 2+1', getQuantity: 1 });
    const taken = await staffMutate('updatePromotion', UPDATE_PROMOTION, { id: bxgy.id, code: 'OffCode' });
    expect(taken.userErrors.map((error) => error.code)).toEqual(['CODE_TAKEN']);
    const incoherent = await staffMutate('updatePromotion', UPDATE_PROMOTION, { id: bxgy.id, valueKind: 'FIXED_AMOUNT' });
    expect(incoherent.userErrors.map((error) => error.code)).toEqual(['INVALID_PROMOTION']);
    const unknown = await staffMutate('updatePromotion', UPDATE_PROMOTION, { id: randomUUID(), title: 'Ghost' });
    expect(unknown.userErrors.map((error) => error.code)).toEqual(['PROMOTION_NOT_FOUND']);
    expect((await request<{ promotion: PromotionResult }>(PROMOTION, { id: bxgy.id }, merchant)).promotion).toMatchObject({ code: 'MUGS', basisPoints: 5000 });

    // keyset pages, newest first, filters
    const all = await request<{ promotions: { totalCount: number; nodes: { id: string }[] } }>(PROMOTIONS, { first: 100 }, merchant);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { promotions: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await request(
        PROMOTIONS,
        { first: 2, after },
        merchant,
      );
      seen.push(...page.promotions.nodes.map((node) => node.id));
      after = page.promotions.pageInfo.hasNextPage ? page.promotions.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.promotions.nodes.map((node) => node.id));
    expect(seen[0]).toBe(bxgy.id);
    expect(new Set(seen).size).toBe(all.promotions.totalCount);
    const inactive = await request<{ promotions: { nodes: { active: boolean; code: string | null }[] } }>(
      PROMOTIONS,
      { active: false, automatic: false },
      merchant,
    );
    expect(inactive.promotions.nodes.length).toBeGreaterThan(0);
    expect(inactive.promotions.nodes.every((node) => !node.active && node.code !== null)).toBe(true);
  });

  it("brings a guest cart's codes into the customer's cart on merge", async () => {
    await createPromotion({ title: 'Merge me', code: 'MERGEME', valueKind: 'PERCENTAGE', basisPoints: 200 });
    const target = await guestCart();
    expect((await shopperMutate('applyCartDiscountCode', APPLY_CODE, { ...target, code: 'MERGEME' })).userErrors).toEqual([]);
    const customer = tokenFor([Role.CUSTOMER], storeId, randomUUID());
    await request(CREATE_CART, { input: { lines: [{ variantId: mugId, quantity: 1 }] } }, customer);
    const merged = (await request<{ mergeCart: CartPayloadResult }>(MERGE_CART, { input: target }, customer)).mergeCart;
    expect(merged.userErrors).toEqual([]);
    const mine = (await request<{ cart: DiscountedCartResult }>(DISCOUNTED_CART, { id: merged.cart!.id }, customer)).cart;
    expect(mine.discountCodes).toEqual([{ code: 'MERGEME', applicable: true, reason: null }]);
    expect(await owner.query(`SELECT code FROM cart_discount_code WHERE cart_id = $1`, [target.cartId])).toEqual([]);
  });
});
