import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection, storeStatusEvents } from '../../kit/test/support/tenancy-support';
import { deleteExpiredCarts } from '../src/cart/cart-expiry.job';
import type * as CartSubgraphModule from '../src/cart.subgraph';
import { productWith, upstreamEvents } from './support/upstream-events';
import {
  ADD_LINES,
  CART,
  CREATE_CART,
  MERGE_CART,
  MY_CART,
  REMOVE_LINES,
  SET_ADDRESSES,
  SET_EMAIL,
  UPDATE_LINES,
  type CartPayloadResult,
  type CartResult,
} from './support/cart-operations';

// small limits so the suite can reach them: read when the subgraph module loads (beforeAll imports it)
process.env.CART_MAX_LINES = '3';
process.env.CART_MAX_LINE_QUANTITY = '10';

describe('cart subgraph: carts, lines, prices, merge and expiry', () => {
  let cart: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => cart);
  const setStoreStatus = storeStatusEvents(() => cart);
  const storeId = randomUUID();
  const store = { 'x-store-id': storeId };
  const tee = productWith([2000, 2200, 2400]);
  const mug = productWith([900]);
  const euroBag = productWith([5000], 'EUR');
  const [small, medium, large] = tee.variants.map((variant) => variant.variantId);
  const mugId = mug.variants[0].variantId;

  const request = async <T>(query: string, variables: Record<string, unknown>, token?: string, headers: Record<string, string> = store) => {
    const result = await cart.client(token, headers).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const mutate = async (name: string, query: string, input: Record<string, unknown>, token?: string): Promise<CartPayloadResult> =>
    (await request<Record<string, CartPayloadResult>>(query, { input }, token))[name];
  const createGuestCart = async (lines: { variantId: string; quantity: number }[], email?: string) => {
    const created = await mutate('createCart', CREATE_CART, { lines, ...(email ? { email } : {}) });
    expect(created.userErrors).toEqual([]);
    return { cart: created.cart!, token: created.cartToken! };
  };
  const readCart = async (id: string, token?: string | null, caller?: string) =>
    (await request<{ cart: CartResult | null }>(CART, { id, token: token ?? null }, caller)).cart;
  /** Every row of the store's carts and lines, as the owner reads them: what a refused change must leave as it was. */
  const written = async () => ({
    carts: await owner.query(`SELECT * FROM cart WHERE store_id = $1 ORDER BY id`, [storeId]),
    lines: await owner.query(`SELECT * FROM cart_line WHERE store_id = $1 ORDER BY id`, [storeId]),
    outbox: await owner.query(`SELECT id FROM outbox_event ORDER BY id`),
  });

  /** The data of every cart.created the cart's outbox holds for a cart. */
  const cartCreatedData = async (cartId: string) =>
    (
      await owner.query(`SELECT envelope FROM outbox_event WHERE envelope->>'type' = 'cart.created' AND envelope->>'aggregateId' = $1 ORDER BY id`, [cartId])
    ).map((row: { envelope: { data: unknown } }) => row.envelope.data);

  beforeAll(async () => {
    const { cartSubgraph } = jest.requireActual<typeof CartSubgraphModule>('../src/cart.subgraph');
    cart = await startTestSubgraph(cartSubgraph);
    owner = await openOwnerConnection(cart.runtime.config);
    await events.storeCreated(storeId, 'USD');
    await events.productEvent(storeId, tee.productId, 1, tee.variants, { title: 'Heavy tee' });
    await events.productEvent(storeId, mug.productId, 1, mug.variants, { title: 'Mug' });
    await events.productEvent(storeId, euroBag.productId, 1, euroBag.variants, { title: 'Bag' });
  });
  afterAll(async () => {
    await owner?.destroy();
    await cart?.close();
  });

  it('creates a guest cart priced from the catalog, one line per variant, and gives its token once (only its hash is kept)', async () => {
    const { cart: created, token } = await createGuestCart(
      [
        { variantId: medium, quantity: 1 },
        { variantId: mugId, quantity: 2 },
        { variantId: medium, quantity: 2 },
      ],
      'shopper@example.com',
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ storeId, userId: null, currencyCode: 'USD', email: 'shopper@example.com', itemCount: 5 });
    expect(created.lines.map((line) => [line.variantId, line.quantity, line.unitPrice?.amount, line.lineTotal?.amount, line.available])).toEqual([
      [medium, 3, 2200, 6600, true],
      [mugId, 2, 900, 1800, true],
    ]);
    expect(created.lines[0]).toMatchObject({ title: 'Heavy tee', variantTitle: 'M', options: [{ name: 'Size', value: 'M' }], sku: tee.variants[1].sku });
    expect(created.subtotal).toEqual({ amount: 8400, currencyCode: 'USD' });
    expect([created.discountTotal.amount, created.shippingTotal.amount, created.taxTotal.amount, created.total.amount]).toEqual([0, 0, 0, 8400]);
    expect(new Date(created.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);

    const [row] = await owner.query(`SELECT token_hash FROM cart WHERE id = $1`, [created.id]);
    expect(row.token_hash).toEqual(createHash('sha256').update(token).digest());
    expect((await readCart(created.id, token))?.total.amount).toBe(8400);
    expect(await readCart(created.id)).toBeNull();
    // another first character (the last one's low bits are padding: changing it may name the same bytes)
    expect(await readCart(created.id, `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`)).toBeNull();
  });

  it('adds, updates and removes lines by variant, and sets the email', async () => {
    const { cart: created, token } = await createGuestCart([{ variantId: small, quantity: 1 }]);
    const target = { cartId: created.id, cartToken: token };
    const added = await mutate('addCartLines', ADD_LINES, {
      ...target,
      lines: [
        { variantId: small, quantity: 2 },
        { variantId: mugId, quantity: 1 },
      ],
    });
    expect(added.cart!.lines.map((line) => [line.variantId, line.quantity])).toEqual([
      [small, 3],
      [mugId, 1],
    ]);
    const updated = await mutate('updateCartLines', UPDATE_LINES, { ...target, lines: [{ variantId: small, quantity: 1 }] });
    expect(updated.cart!.total.amount).toBe(2000 + 900);
    const removed = await mutate('removeCartLines', REMOVE_LINES, { ...target, variantIds: [mugId, mugId] });
    expect(removed.cart!.lines.map((line) => line.variantId)).toEqual([small]);
    const emailed = await mutate('setCartEmail', SET_EMAIL, { ...target, email: 'later@example.com' });
    expect(emailed.cart!.email).toBe('later@example.com');
    expect((await mutate('setCartEmail', SET_EMAIL, { ...target, email: null })).cart!.email).toBeNull();
  });

  it('sets the shipping and billing addresses (billing defaults to shipping) and weighs the available lines', async () => {
    const { cart: created, token } = await createGuestCart([
      { variantId: medium, quantity: 3 },
      { variantId: mugId, quantity: 2 },
    ]);
    expect(created).toMatchObject({ totalWeightGrams: 5 * 250, shippingAddress: null, billingAddress: null });
    const target = { cartId: created.id, cartToken: token };
    const vancouver = {
      firstName: 'Ada',
      lastName: 'Byron',
      line1: ' 1 Main St ',
      city: 'Vancouver',
      provinceCode: 'BC',
      postalCode: 'v5k 0a1',
      countryCode: 'CA',
    };
    const shipped = await mutate('setCartAddresses', SET_ADDRESSES, { ...target, shippingAddress: vancouver });
    expect(shipped.userErrors).toEqual([]);
    const stored = { ...vancouver, line1: '1 Main St', postalCode: 'V5K 0A1', company: null, line2: null, phone: null };
    expect(shipped.cart).toMatchObject({ shippingAddress: stored, billingAddress: stored });
    const billing = { line1: '9 Office Rd', city: 'Austin', provinceCode: 'TX', countryCode: 'US', company: 'Acme' };
    const both = await mutate('setCartAddresses', SET_ADDRESSES, { ...target, shippingAddress: vancouver, billingAddress: billing });
    expect(both.cart!.billingAddress).toEqual({ ...billing, firstName: null, lastName: null, line2: null, postalCode: null, phone: null });
    expect((await readCart(created.id, token))?.shippingAddress).toEqual(stored);

    // bad addresses and a wrong token write nothing
    const before = await written();
    for (const shippingAddress of [
      { ...vancouver, countryCode: 'ca' },
      { ...vancouver, countryCode: 'XX' },
      { ...vancouver, provinceCode: 'CA-BC' },
      { ...vancouver, city: '' },
      { ...vancouver, line1: 'x'.repeat(201) },
    ]) {
      const invalid = await cart.client(undefined, store).rawRequest(SET_ADDRESSES, { input: { ...target, shippingAddress } });
      expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const refused = await mutate('setCartAddresses', SET_ADDRESSES, { ...target, cartToken: 'wrong', shippingAddress: vancouver });
    expect(refused.userErrors.map((error) => error.code)).toEqual(['CART_NOT_FOUND']);
    expect(await written()).toEqual(before);
  });

  it("keeps each store's pricing settings from stores events (priceRounding, pricesIncludeTax; defaults when left out)", async () => {
    const [inclusive, older] = [randomUUID(), randomUUID()];
    await events.storeCreated(inclusive, 'EUR', { pricesIncludeTax: true, priceRounding: 'PER_ORDER' });
    await events.storeCreated(older, 'GBP');
    const rows = await owner.query(`SELECT store_id, currency_code, rounding, prices_include_tax FROM store_pricing_settings WHERE store_id = ANY($1)`, [
      [inclusive, older],
    ]);
    expect(rows.map((row: { store_id: string }) => ({ ...row, store_id: row.store_id === inclusive ? 'inclusive' : 'older' }))).toEqual(
      expect.arrayContaining([
        { store_id: 'inclusive', currency_code: 'EUR', rounding: 'PER_ORDER', prices_include_tax: true },
        { store_id: 'older', currency_code: 'GBP', rounding: 'PER_LINE', prices_include_tax: false },
      ]),
    );
  });

  it('refuses bad lines with userErrors and writes nothing', async () => {
    const { cart: created, token } = await createGuestCart([{ variantId: small, quantity: 8 }]);
    const target = { cartId: created.id, cartToken: token };
    const before = await written();
    const refusals: [string, string, Record<string, unknown>, string][] = [
      [
        'addCartLines',
        ADD_LINES,
        {
          ...target,
          lines: [
            { variantId: mugId, quantity: 1 },
            { variantId: randomUUID(), quantity: 1 },
          ],
        },
        'PRODUCT_NOT_AVAILABLE',
      ],
      ['addCartLines', ADD_LINES, { ...target, lines: [{ variantId: euroBag.productId, quantity: 1 }] }, 'CURRENCY_MISMATCH'],
      ['addCartLines', ADD_LINES, { ...target, lines: [{ variantId: small, quantity: 3 }] }, 'QUANTITY_TOO_LARGE'],
      [
        'addCartLines',
        ADD_LINES,
        {
          ...target,
          lines: [
            { variantId: medium, quantity: 1 },
            { variantId: large, quantity: 1 },
            { variantId: mugId, quantity: 1 },
          ],
        },
        'TOO_MANY_LINES',
      ],
      ['updateCartLines', UPDATE_LINES, { ...target, lines: [{ variantId: mugId, quantity: 1 }] }, 'LINE_NOT_FOUND'],
      ['removeCartLines', REMOVE_LINES, { ...target, variantIds: [small, mugId] }, 'LINE_NOT_FOUND'],
      ['addCartLines', ADD_LINES, { cartId: created.id, cartToken: 'not-the-token', lines: [{ variantId: mugId, quantity: 1 }] }, 'CART_NOT_FOUND'],
      ['setCartEmail', SET_EMAIL, { cartId: randomUUID(), cartToken: token, email: 'x@example.com' }, 'CART_NOT_FOUND'],
      [
        'createCart',
        CREATE_CART,
        {
          lines: [
            { variantId: mugId, quantity: 1 },
            { variantId: euroBag.productId, quantity: 1 },
          ],
        },
        'CURRENCY_MISMATCH',
      ],
    ];
    for (const [name, query, input, code] of refusals) {
      const answer = await mutate(name, query, input);
      expect({ name, cart: answer.cart, codes: answer.userErrors.map((error) => error.code) }).toEqual({ name, cart: null, codes: [code] });
    }
    const invalid = await cart.client(undefined, store).rawRequest(ADD_LINES, { input: { ...target, lines: [{ variantId: mugId, quantity: 0 }] } });
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await written()).toEqual(before);
  });

  it('always shows current catalog prices, and keeps a line no longer on sale as unavailable, out of the totals', async () => {
    const product = productWith([1000, 1500]);
    await events.productEvent(storeId, product.productId, 1, product.variants);
    const [first, second] = product.variants.map((variant) => variant.variantId);
    const { cart: created, token } = await createGuestCart([
      { variantId: first, quantity: 2 },
      { variantId: second, quantity: 1 },
    ]);
    expect(created.total.amount).toBe(3500);

    await events.productEvent(storeId, product.productId, 2, [{ ...product.variants[0], price: { amount: 1200, currencyCode: 'USD' } }, product.variants[1]]);
    expect((await readCart(created.id, token))!.total.amount).toBe(2 * 1200 + 1500);

    // the second variant is no longer listed: shown, unavailable, not counted
    await events.productEvent(storeId, product.productId, 3, [{ ...product.variants[0], price: { amount: 1200, currencyCode: 'USD' } }]);
    const priced = (await readCart(created.id, token))!;
    expect(priced.lines.map((line) => [line.variantId, line.available, line.lineTotal?.amount ?? null])).toEqual([
      [first, true, 2400],
      [second, false, null],
    ]);
    expect([priced.subtotal.amount, priced.total.amount, priced.itemCount]).toEqual([2400, 2400, 2]);
    const refused = await mutate('addCartLines', ADD_LINES, { cartId: created.id, cartToken: token, lines: [{ variantId: second, quantity: 1 }] });
    expect(refused.userErrors.map((error) => error.code)).toEqual(['PRODUCT_NOT_AVAILABLE']);

    // an older event arriving late changes nothing
    await events.productEvent(storeId, product.productId, 2, product.variants);
    expect((await readCart(created.id, token))!.total.amount).toBe(2400);

    // a product whose publication is still to come is not on sale yet
    const upcoming = productWith([700]);
    await events.productEvent(storeId, upcoming.productId, 1, upcoming.variants, { publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
    const early = await mutate('addCartLines', ADD_LINES, { cartId: created.id, cartToken: token, lines: [{ variantId: upcoming.productId, quantity: 1 }] });
    expect(early.userErrors.map((error) => error.code)).toEqual(['PRODUCT_NOT_AVAILABLE']);

    // archived: every line unavailable
    await events.productEvent(storeId, product.productId, 4, product.variants, { status: 'ARCHIVED' });
    expect((await readCart(created.id, token))!.total.amount).toBe(0);
  });

  it('gives a signed-in customer one open cart per store, and merges a guest cart into it (quantities add up, capped) or makes it theirs', async () => {
    const userId = randomUUID();
    const customer = tokenFor([Role.CUSTOMER], storeId, userId);
    const first = await mutate('createCart', CREATE_CART, { lines: [{ variantId: small, quantity: 9 }] }, customer);
    expect(first.cartToken).toBeNull();
    expect(first.cart).toMatchObject({ userId });
    const again = await mutate('createCart', CREATE_CART, { lines: [{ variantId: mugId, quantity: 1 }] }, customer);
    expect(again.cart!.id).toBe(first.cart!.id);
    // one cart.created (for analytics' conversion) for the one cart made: adding to it publishes none
    expect(await cartCreatedData(first.cart!.id)).toEqual([{ cartId: first.cart!.id, customerId: userId, currencyCode: 'USD', buyNow: false }]);
    expect((await request<{ myCart: CartResult }>(MY_CART, {}, customer)).myCart.lines.map((line) => [line.variantId, line.quantity])).toEqual([
      [small, 9],
      [mugId, 1],
    ]);

    const guest = await createGuestCart(
      [
        { variantId: small, quantity: 4 },
        { variantId: medium, quantity: 1 },
      ],
      'guest@example.com',
    );
    const merged = await mutate('mergeCart', MERGE_CART, { cartId: guest.cart.id, cartToken: guest.token }, customer);
    expect(merged.userErrors).toEqual([]);
    expect(merged.cart!.id).toBe(first.cart!.id);
    expect(merged.cart!.email).toBe('guest@example.com');
    expect(merged.cart!.lines.map((line) => [line.variantId, line.quantity])).toEqual([
      [small, 10],
      [mugId, 1],
      [medium, 1],
    ]);
    expect(await readCart(guest.cart.id, guest.token)).toBeNull();
    expect((await owner.query(`SELECT status FROM cart WHERE id = $1`, [guest.cart.id]))[0].status).toBe('MERGED');
    const replay = await mutate('mergeCart', MERGE_CART, { cartId: guest.cart.id, cartToken: guest.token }, customer);
    expect(replay.userErrors.map((error) => error.code)).toEqual(['CART_NOT_FOUND']);

    // a merge that would hold more lines than a cart may is refused, writing nothing
    const wide = await createGuestCart([{ variantId: large, quantity: 1 }]);
    const before = await written();
    const tooWide = await mutate('mergeCart', MERGE_CART, { cartId: wide.cart.id, cartToken: wide.token }, customer);
    expect(tooWide.userErrors.map((error) => error.code)).toEqual(['TOO_MANY_LINES']);
    expect(await written()).toEqual(before);

    // a customer without a cart adopts the guest cart
    const newcomer = randomUUID();
    const adopted = await mutate('mergeCart', MERGE_CART, { cartId: wide.cart.id, cartToken: wide.token }, tokenFor([Role.CUSTOMER], storeId, newcomer));
    expect(adopted.cart).toMatchObject({ id: wide.cart.id, userId: newcomer });
    expect((await owner.query(`SELECT token_hash FROM cart WHERE id = $1`, [wide.cart.id]))[0].token_hash).toBeNull();
    expect(await readCart(wide.cart.id, wide.token)).toBeNull();

    const anonymous = await cart.client(undefined, store).rawRequest(MERGE_CART, { input: { cartId: wide.cart.id, cartToken: wide.token } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps one open cart per customer and store when several requests create it at once', async () => {
    const userId = randomUUID();
    const customer = tokenFor([Role.CUSTOMER], storeId, userId);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => mutate('createCart', CREATE_CART, { lines: [{ variantId: mugId, quantity: 1 }] }, customer)),
    );
    expect(answers.flatMap((answer) => answer.userErrors)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.cart!.id)).size).toBe(1);
    const rows = await owner.query(`SELECT id FROM cart WHERE store_id = $1 AND user_id = $2`, [storeId, userId]);
    expect(rows).toHaveLength(1);
    expect(await cartCreatedData(rows[0].id)).toHaveLength(1);
    expect((await request<{ myCart: CartResult }>(MY_CART, {}, customer)).myCart.lines.map((line) => line.quantity)).toEqual([6]);
  });

  it('stops serving an expired cart and the sweep deletes it with its lines, leaving live carts alone', async () => {
    const expired = await createGuestCart([{ variantId: small, quantity: 1 }]);
    const live = await createGuestCart([{ variantId: small, quantity: 1 }]);
    await owner.query(`UPDATE cart SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.cart.id]);
    expect(await readCart(expired.cart.id, expired.token)).toBeNull();
    const refused = await mutate('addCartLines', ADD_LINES, { cartId: expired.cart.id, cartToken: expired.token, lines: [{ variantId: mugId, quantity: 1 }] });
    expect(refused.userErrors.map((error) => error.code)).toEqual(['CART_NOT_FOUND']);

    expect(await deleteExpiredCarts(cart.runtime, 1)).toBeGreaterThanOrEqual(1);
    expect(await owner.query(`SELECT id FROM cart WHERE id = $1`, [expired.cart.id])).toEqual([]);
    expect(await owner.query(`SELECT id FROM cart_line WHERE cart_id = $1`, [expired.cart.id])).toEqual([]);
    expect((await readCart(live.cart.id, live.token))?.id).toBe(live.cart.id);
  });

  it('keeps collection membership for pricing from catalog.collection-updated, a newer version winning', async () => {
    const collectionId = randomUUID();
    await events.collectionUpdated(storeId, collectionId, 2, [tee.productId, mug.productId]);
    await events.collectionUpdated(storeId, collectionId, 3, [], [mug.productId]);
    await events.collectionUpdated(storeId, collectionId, 1, [], [tee.productId]);
    const members = await owner.query(`SELECT product_id, member FROM catalog_collection_member WHERE collection_id = $1 ORDER BY member`, [collectionId]);
    expect(members).toEqual([
      { product_id: mug.productId, member: false },
      { product_id: tee.productId, member: true },
    ]);
  });

  it('refuses changes while the store is suspended, writing nothing', async () => {
    const { cart: created, token } = await createGuestCart([{ variantId: small, quantity: 1 }]);
    await setStoreStatus(storeId, StoreStatus.SUSPENDED);
    try {
      const before = await written();
      const refused = await mutate('addCartLines', ADD_LINES, { cartId: created.id, cartToken: token, lines: [{ variantId: mugId, quantity: 1 }] });
      expect(refused.userErrors.map((error) => error.code)).toEqual(['STORE_UNAVAILABLE']);
      expect((await mutate('createCart', CREATE_CART, {})).userErrors.map((error) => error.code)).toEqual(['STORE_UNAVAILABLE']);
      expect(await written()).toEqual(before);
    } finally {
      await setStoreStatus(storeId, StoreStatus.ACTIVE);
    }
  });
});
