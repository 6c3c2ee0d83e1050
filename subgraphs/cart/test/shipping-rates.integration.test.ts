import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role, type ShippingMethodRates } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import type * as CartSubgraphModule from '../src/cart.subgraph';
import { productWith, upstreamEvents } from './support/upstream-events';
import {
  CREATE_CART,
  MERGE_CART,
  SELECT_SHIPPING_RATE,
  SET_ADDRESSES,
  SHIPPED_CART,
  UPDATE_LINES,
  type CartPayloadResult,
  type ShippedCartResult,
} from './support/cart-operations';
import { APPLY_CODE, CREATE_PROMOTION } from './support/promotion-operations';

/** A US zone (or one state of it) with one rate rule, in USD, as shipping's events carry it. */
function methodIn(name: string, provinceCode: string | null, rate: ShippingMethodRates['rate'], freeOverSubtotal: number | null = null): ShippingMethodRates {
  return {
    methodId: randomUUID(),
    name,
    zone: { zoneId: randomUUID(), name: provinceCode ?? 'US', regions: [{ countryCode: 'US', provinceCode, postalCodePrefix: null }] },
    rate,
    freeOverSubtotal,
    currencyCode: 'USD',
    taxClass: null,
  };
}

describe('cart subgraph: choosing a shipping rate', () => {
  let cart: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => cart);
  const storeId = randomUUID();
  const store = { 'x-store-id': storeId };
  const tee = productWith([1999]); // 250 g each
  // 500 under a kilo, 900 from a kilo; free from 100.00
  const standard = methodIn(
    'Standard',
    null,
    {
      kind: 'BY_WEIGHT',
      brackets: [
        { minWeightGrams: 0, maxWeightGrams: 1000, amount: 500 },
        { minWeightGrams: 1000, maxWeightGrams: null, amount: 900 },
      ],
    },
    10_000,
  );
  const express = methodIn('Express', 'CA', { kind: 'FLAT', amount: 1500 });
  const california = { line1: '1 Main St', city: 'Los Angeles', provinceCode: 'CA', countryCode: 'US', postalCode: '90001' };
  const newYork = { line1: '1 Broadway', city: 'New York', provinceCode: 'NY', countryCode: 'US', postalCode: '10004' };

  const request = async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
    const result = await cart.client(token, store).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const newCart = async (quantity: number) => {
    const made = (await request<{ createCart: CartPayloadResult }>(CREATE_CART, { input: { lines: [{ variantId: tee.productId, quantity }] } })).createCart;
    return { cartId: made.cart!.id, cartToken: made.cartToken! };
  };
  const read = async (target: { cartId: string; cartToken: string }) =>
    (await request<{ cart: ShippedCartResult }>(SHIPPED_CART, { id: target.cartId, token: target.cartToken })).cart;
  const select = async (target: { cartId: string; cartToken: string }, rateId: string) =>
    (await request<{ selectCartShippingRate: CartPayloadResult }>(SELECT_SHIPPING_RATE, { input: { ...target, rateId } })).selectCartShippingRate;
  const stored = async (cartId: string) =>
    (await owner.query(`SELECT shipping_rate_id, version, updated_at FROM cart WHERE id = $1`, [cartId]))[0] as Record<string, unknown>;

  beforeAll(async () => {
    const { cartSubgraph } = jest.requireActual<typeof CartSubgraphModule>('../src/cart.subgraph');
    cart = await startTestSubgraph(cartSubgraph);
    owner = await openOwnerConnection(cart.runtime.config);
    await events.storeCreated(storeId, 'USD');
    await events.productEvent(storeId, tee.productId, 1, tee.variants);
    await events.shippingMethodUpdated(storeId, standard, 1);
    await events.shippingMethodUpdated(storeId, express, 1);
  });
  afterAll(async () => {
    await owner?.destroy();
    await cart?.close();
  });

  it('charges the chosen rate priced now: weight and the free-over threshold re-price it', async () => {
    const target = await newCart(2);
    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: newYork } });
    expect(await read(target)).toMatchObject({ shippingTotal: { amount: 0 }, selectedShippingRate: null, selectedShippingRateUnavailable: false });

    const chosen = await select(target, standard.methodId);
    expect(chosen.userErrors).toEqual([]);
    expect(await read(target)).toMatchObject({
      subtotal: { amount: 3998 },
      shippingTotal: { amount: 500, currencyCode: 'USD' },
      total: { amount: 4498 },
      selectedShippingRate: { rateId: standard.methodId, title: 'Standard', amount: { amount: 500, currencyCode: 'USD' } },
      selectedShippingRateUnavailable: false,
    });

    await request(UPDATE_LINES, { input: { ...target, lines: [{ variantId: tee.productId, quantity: 4 }] } }); // 1 kg
    expect(await read(target)).toMatchObject({ subtotal: { amount: 7996 }, shippingTotal: { amount: 900 }, total: { amount: 8896 } });

    await request(UPDATE_LINES, { input: { ...target, lines: [{ variantId: tee.productId, quantity: 6 }] } }); // 119.94 ≥ 100.00
    expect(await read(target)).toMatchObject({
      subtotal: { amount: 11_994 },
      shippingTotal: { amount: 0 },
      total: { amount: 11_994 },
      selectedShippingRate: { rateId: standard.methodId, amount: { amount: 0 } },
    });
  });

  it('drops a rate the new address is not offered from the totals, and says so', async () => {
    const target = await newCart(1);
    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: california } });
    expect((await select(target, express.methodId)).userErrors).toEqual([]);
    expect(await read(target)).toMatchObject({ shippingTotal: { amount: 1500 }, total: { amount: 3499 }, selectedShippingRate: { title: 'Express' } });

    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: newYork } });
    expect(await read(target)).toMatchObject({
      shippingTotal: { amount: 0 },
      total: { amount: 1999 },
      selectedShippingRate: null,
      selectedShippingRateUnavailable: true,
    });

    // back in its zone, the same choice is charged again
    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: california } });
    expect(await read(target)).toMatchObject({ shippingTotal: { amount: 1500 }, selectedShippingRateUnavailable: false });
  });

  it('refuses a rate not offered to the cart now (unknown, out of zone, no address yet), writing nothing', async () => {
    const target = await newCart(1);
    const before = await stored(target.cartId);
    const noAddress = await select(target, standard.methodId);
    expect(noAddress.userErrors).toEqual([expect.objectContaining({ code: 'SHIPPING_RATE_NOT_OFFERED', field: ['input', 'rateId'] })]);
    expect(noAddress.cart).toBeNull();
    expect(await stored(target.cartId)).toEqual(before);

    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: newYork } });
    const addressed = await stored(target.cartId);
    for (const rateId of [randomUUID(), express.methodId]) {
      const refused = await select(target, rateId);
      expect(refused.userErrors.map((error) => error.code)).toEqual(['SHIPPING_RATE_NOT_OFFERED']);
    }
    expect(await stored(target.cartId)).toEqual(addressed);
    expect(addressed.shipping_rate_id).toBeNull();
    expect(await read(target)).toMatchObject({ shippingTotal: { amount: 0 }, selectedShippingRate: null, selectedShippingRateUnavailable: false });
  });

  it('follows method events: a newer version re-prices, a deleted method is no longer charged and a late update cannot bring it back', async () => {
    const overnight = methodIn('Overnight', null, { kind: 'FLAT', amount: 2500 });
    await events.shippingMethodUpdated(storeId, overnight, 1);
    const target = await newCart(1);
    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: newYork } });
    expect((await select(target, overnight.methodId)).userErrors).toEqual([]);
    expect(await read(target)).toMatchObject({ shippingTotal: { amount: 2500 } });

    await events.shippingMethodUpdated(storeId, { ...overnight, rate: { kind: 'FLAT', amount: 2700 } }, 3);
    await events.shippingMethodUpdated(storeId, { ...overnight, rate: { kind: 'FLAT', amount: 2600 } }, 2); // older: ignored
    expect(await read(target)).toMatchObject({ shippingTotal: { amount: 2700 }, selectedShippingRate: { amount: { amount: 2700 } } });

    await events.shippingMethodDeleted(storeId, overnight, 4);
    expect(await read(target)).toMatchObject({
      shippingTotal: { amount: 0 },
      total: { amount: 1999 },
      selectedShippingRate: null,
      selectedShippingRateUnavailable: true,
    });
    expect((await select(target, overnight.methodId)).userErrors.map((error) => error.code)).toEqual(['SHIPPING_RATE_NOT_OFFERED']);

    await events.shippingMethodUpdated(storeId, overnight, 3); // late: the deletion's version wins
    expect(await read(target)).toMatchObject({ selectedShippingRate: null, selectedShippingRateUnavailable: true });
  });

  it('lets a free-shipping code take the chosen rate off through the engine, the rate itself still shown at its price', async () => {
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const created = await request<{ createPromotion: { userErrors: unknown[] } }>(
      CREATE_PROMOTION,
      { input: { title: 'Ships free', code: 'SHIPFREE', valueKind: 'FREE_SHIPPING' } },
      merchant,
    );
    expect(created.createPromotion.userErrors).toEqual([]);
    const target = await newCart(1);
    await request(SET_ADDRESSES, { input: { ...target, shippingAddress: newYork } });
    expect((await select(target, standard.methodId)).userErrors).toEqual([]);
    expect(await read(target)).toMatchObject({ shippingTotal: { amount: 500 }, total: { amount: 2499 } });

    const applied = await request<{ applyCartDiscountCode: { userErrors: unknown[] } }>(APPLY_CODE, { input: { ...target, code: 'SHIPFREE' } });
    expect(applied.applyCartDiscountCode.userErrors).toEqual([]);
    // docs/pricing.md: shippingTotal is the chosen rate's amount minus the FREE_SHIPPING discounts
    expect(await read(target)).toMatchObject({
      subtotal: { amount: 1999 },
      shippingTotal: { amount: 0 },
      total: { amount: 1999 },
      selectedShippingRate: { amount: { amount: 500 } },
    });
  });

  it("keeps the guest cart's chosen rate when a customer without one merges it into their cart", async () => {
    const customer = tokenFor([Role.CUSTOMER], storeId, randomUUID());
    const mine = (await request<{ createCart: CartPayloadResult }>(CREATE_CART, { input: { lines: [{ variantId: tee.productId, quantity: 1 }] } }, customer))
      .createCart;
    expect(mine.userErrors).toEqual([]);
    const guest = await newCart(1);
    await request(SET_ADDRESSES, { input: { ...guest, shippingAddress: newYork } });
    expect((await select(guest, standard.methodId)).userErrors).toEqual([]);

    const merged = (await request<{ mergeCart: CartPayloadResult }>(MERGE_CART, { input: guest }, customer)).mergeCart;
    expect(merged.userErrors).toEqual([]);
    expect(merged.cart!.id).toBe(mine.cart!.id);
    const read = await request<{ cart: ShippedCartResult }>(SHIPPED_CART, { id: mine.cart!.id }, customer);
    expect(read.cart).toMatchObject({ subtotal: { amount: 3998 }, shippingTotal: { amount: 500 }, selectedShippingRate: { rateId: standard.methodId } });
  });
});
