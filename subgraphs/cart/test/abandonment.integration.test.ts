import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role, StoreStatus } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection, storeStatusEvents } from '../../kit/test/support/tenancy-support';
import { markAbandonedCarts } from '../src/abandonment/cart-abandonment.job';
import { loadAbandonmentConfig } from '../src/abandonment/abandonment-config';
import type { CartAbandonedData } from '../src/abandonment/cart-abandoned.events';
import type * as CartSubgraphModule from '../src/cart.subgraph';
import { productWith, upstreamEvents } from './support/upstream-events';
import { ADD_LINES, CART, CREATE_CART, MERGE_CART, type CartPayloadResult, type CartResult } from './support/cart-operations';
import { RECOVER_CART, type RecoverCartResult } from './support/recovery-operations';

const config = loadAbandonmentConfig({
  CART_ABANDONED_AFTER_MINUTES: '60',
  CART_RECOVERY_URL: 'https://shop.example/cart/recover?cart={cartId}&token={token}',
});

describe('cart subgraph: abandoned carts and their recovery', () => {
  let cart: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => cart);
  const setStoreStatus = storeStatusEvents(() => cart);
  const storeId = randomUUID();
  const otherStoreId = randomUUID();
  const store = { 'x-store-id': storeId };
  const tee = productWith([2000, 2200]);
  const [small, medium] = tee.variants.map((variant) => variant.variantId);

  const request = async <T>(query: string, variables: Record<string, unknown>, token?: string, headers: Record<string, string> = store) => {
    const result = await cart.client(token, headers).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const mutate = async <T = CartPayloadResult>(
    name: string,
    query: string,
    input: Record<string, unknown>,
    token?: string,
    headers: Record<string, string> = store,
  ): Promise<T> => (await request<Record<string, T>>(query, { input }, token, headers))[name];
  const createCart = async (input: Record<string, unknown>, token?: string) => {
    const created = await mutate('createCart', CREATE_CART, input, token);
    expect(created.userErrors).toEqual([]);
    return { cart: created.cart!, token: created.cartToken ?? null };
  };
  const readCart = async (id: string, token: string | null, caller?: string) => (await request<{ cart: CartResult | null }>(CART, { id, token }, caller)).cart;
  /** Makes a cart look unchanged for `minutes`. */
  const idle = (cartId: string, minutes = 61) => owner.query(`UPDATE cart SET updated_at = now() - $2 * interval '1 minute' WHERE id = $1`, [cartId, minutes]);
  const abandonedEvents = async (cartId: string) =>
    (
      await owner.query(`SELECT envelope FROM outbox_event WHERE subject = $1 AND envelope->>'aggregateId' = $2 ORDER BY created_at`, [
        cart.runtime.names.subject('cart.abandoned'),
        cartId,
      ])
    ).map((row: { envelope: { storeId: string; data: CartAbandonedData } }) => row.envelope);
  const tokenIn = (url: string) => new URL(url).searchParams.get('token')!;
  /** Every row of both stores' carts and lines and the outbox: what a refused recovery must leave as it was. */
  const written = async () => ({
    carts: await owner.query(`SELECT * FROM cart ORDER BY id`),
    lines: await owner.query(`SELECT * FROM cart_line ORDER BY id`),
    outbox: await owner.query(`SELECT id FROM outbox_event ORDER BY id`),
  });
  /** A guest cart with an email and lines, left alone for over an hour and marked by the sweep: its cart, token and recovery token. */
  const abandonedGuestCart = async () => {
    const guest = await createCart({ lines: [{ variantId: medium, quantity: 2 }], email: 'late@example.com' });
    await idle(guest.cart.id);
    await markAbandonedCarts(cart.runtime, config);
    const [event] = await abandonedEvents(guest.cart.id);
    return { ...guest, recoveryToken: tokenIn(event.data.recoveryUrl) };
  };

  beforeAll(async () => {
    const { cartSubgraph } = jest.requireActual<typeof CartSubgraphModule>('../src/cart.subgraph');
    cart = await startTestSubgraph(cartSubgraph);
    owner = await openOwnerConnection(cart.runtime.config);
    await events.storeCreated(storeId, 'USD');
    await events.storeCreated(otherStoreId, 'USD');
    await events.productEvent(storeId, tee.productId, 1, tee.variants, { title: 'Heavy tee' });
  });
  afterAll(async () => {
    await owner?.destroy();
    await cart?.close();
  });

  it('marks a quiet open cart with an email and lines once, and publishes cart.abandoned with its lines, subtotal and a recovery link', async () => {
    const guest = await createCart({
      lines: [
        { variantId: small, quantity: 1 },
        { variantId: medium, quantity: 2 },
      ],
      email: 'shopper@example.com',
    });
    await idle(guest.cart.id);
    expect(await markAbandonedCarts(cart.runtime, config)).toBeGreaterThanOrEqual(1);
    expect(await markAbandonedCarts(cart.runtime, config)).toBe(0);

    const [event, ...more] = await abandonedEvents(guest.cart.id);
    expect(more).toEqual([]);
    expect(event.storeId).toBe(storeId);
    expect(event.data).toMatchObject({
      cartId: guest.cart.id,
      email: 'shopper@example.com',
      customerId: null,
      currencyCode: 'USD',
      itemCount: 3,
      subtotal: { amount: 2000 + 2 * 2200, currencyCode: 'USD' },
      lines: [
        { title: 'Heavy tee', variantTitle: 'S', quantity: 1 },
        { title: 'Heavy tee', variantTitle: 'M', quantity: 2 },
      ],
    });
    const link = new URL(event.data.recoveryUrl);
    expect(`${link.origin}${link.pathname}`).toBe('https://shop.example/cart/recover');
    expect(link.searchParams.get('cart')).toBe(guest.cart.id);
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(event.data.recoveryExpiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3600_000);

    // the mark is not a shopper's change: the cart's version, last change and lifetime stay
    const [row] = await owner.query(`SELECT abandoned_at, recovery_token_hash, version, updated_at, expires_at FROM cart WHERE id = $1`, [guest.cart.id]);
    expect(row.abandoned_at).not.toBeNull();
    expect(row.recovery_token_hash).toHaveLength(32);
    expect(row.version).toBe(1);
    expect(new Date(row.expires_at).toISOString()).toBe(guest.cart.expiresAt);

    // once in the cart's life: changed after the mark and quiet again, it is not marked again
    const added = await mutate('addCartLines', ADD_LINES, { cartId: guest.cart.id, cartToken: guest.token, lines: [{ variantId: small, quantity: 1 }] });
    expect(added.userErrors).toEqual([]);
    await idle(guest.cart.id);
    await markAbandonedCarts(cart.runtime, config);
    expect(await abandonedEvents(guest.cart.id)).toHaveLength(1);
  });

  it('leaves alone carts without an email, without lines, changed recently, no longer open or expired', async () => {
    const noEmail = await createCart({ lines: [{ variantId: small, quantity: 1 }] });
    const noLines = await createCart({ email: 'empty@example.com' });
    const recent = await createCart({ lines: [{ variantId: small, quantity: 1 }], email: 'recent@example.com' });
    const closed = await createCart({ lines: [{ variantId: small, quantity: 1 }], email: 'closed@example.com' });
    const expired = await createCart({ lines: [{ variantId: small, quantity: 1 }], email: 'expired@example.com' });
    // a guest cart merged into a customer's is no longer OPEN (checked-out carts will not be either)
    const merged = await mutate('mergeCart', MERGE_CART, { cartId: closed.cart.id, cartToken: closed.token }, tokenFor([Role.CUSTOMER], storeId));
    expect(merged.userErrors).toEqual([]);
    for (const each of [noEmail, noLines, closed, expired]) await idle(each.cart.id);
    await idle(recent.cart.id, 59);
    await owner.query(`UPDATE cart SET status = 'MERGED' WHERE id = $1 AND status = 'OPEN'`, [closed.cart.id]);
    await owner.query(`UPDATE cart SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.cart.id]);

    await markAbandonedCarts(cart.runtime, config);
    for (const each of [noEmail, noLines, recent, closed, expired]) expect(await abandonedEvents(each.cart.id)).toEqual([]);
    const marked = await owner.query(`SELECT id FROM cart WHERE id = ANY($1::uuid[]) AND abandoned_at IS NOT NULL`, [
      [noEmail, noLines, recent, closed, expired].map((each) => each.cart.id),
    ]);
    expect(marked).toEqual([]);
  });

  it('leaves the carts of a suspended store waiting, and marks them once the store is back', async () => {
    const waiting = await createCart({ lines: [{ variantId: small, quantity: 1 }], email: 'waiting@example.com' });
    await idle(waiting.cart.id);
    await setStoreStatus(storeId, StoreStatus.SUSPENDED);
    try {
      await markAbandonedCarts(cart.runtime, config);
      expect(await abandonedEvents(waiting.cart.id)).toEqual([]);
    } finally {
      await setStoreStatus(storeId, StoreStatus.ACTIVE);
    }
    await markAbandonedCarts(cart.runtime, config);
    expect(await abandonedEvents(waiting.cart.id)).toHaveLength(1);
  });

  it('publishes one event when two sweeps (two replicas) run at once', async () => {
    const carts = [];
    for (let index = 0; index < 5; index += 1) carts.push(await createCart({ lines: [{ variantId: small, quantity: 1 }], email: `race${index}@example.com` }));
    for (const each of carts) await idle(each.cart.id);
    const [first, second] = await Promise.all([markAbandonedCarts(cart.runtime, config, 2), markAbandonedCarts(cart.runtime, config, 2)]);
    expect(first + second).toBe(carts.length);
    for (const each of carts) expect(await abandonedEvents(each.cart.id)).toHaveLength(1);
  });

  it("recoverCart exchanges a guest cart's recovery token once for a new cart token; the old token stops working", async () => {
    const guest = await abandonedGuestCart();
    const recovered = await mutate<RecoverCartResult>('recoverCart', RECOVER_CART, { cartId: guest.cart.id, recoveryToken: guest.recoveryToken });
    expect(recovered.userErrors).toEqual([]);
    expect(recovered.cart).toMatchObject({ id: guest.cart.id, itemCount: 2 });
    expect(recovered.cartToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await readCart(guest.cart.id, guest.token)).toBeNull();
    expect((await readCart(guest.cart.id, recovered.cartToken))?.id).toBe(guest.cart.id);
    const added = await mutate('addCartLines', ADD_LINES, {
      cartId: guest.cart.id,
      cartToken: recovered.cartToken,
      lines: [{ variantId: small, quantity: 1 }],
    });
    expect(added.cart?.itemCount).toBe(3);
    // used: a second exchange is refused and writes nothing
    const before = await written();
    const again = await mutate<RecoverCartResult>('recoverCart', RECOVER_CART, { cartId: guest.cart.id, recoveryToken: guest.recoveryToken });
    expect(again).toMatchObject({ cart: null, cartToken: null, userErrors: [{ code: 'CART_RECOVERY_INVALID', field: ['input', 'recoveryToken'] }] });
    expect(await written()).toEqual(before);
  });

  it('refuses a wrong, expired or unmarked token, another store, a closed cart and a malformed id, writing nothing', async () => {
    const guest = await abandonedGuestCart();
    const quiet = await createCart({ lines: [{ variantId: small, quantity: 1 }], email: 'quiet@example.com' });
    const expired = await abandonedGuestCart();
    await owner.query(`UPDATE cart SET recovery_expires_at = now() - interval '1 second' WHERE id = $1`, [expired.cart.id]);
    const closed = await abandonedGuestCart();
    // no longer open: merged into a customer's cart (a checked-out cart will be another such status)
    await owner.query(`UPDATE cart SET status = 'MERGED' WHERE id = $1`, [closed.cart.id]);

    const before = await written();
    const wrongToken = `${guest.recoveryToken[0] === 'A' ? 'B' : 'A'}${guest.recoveryToken.slice(1)}`;
    const attempts: [Record<string, unknown>, Record<string, string>][] = [
      [{ cartId: guest.cart.id, recoveryToken: wrongToken }, store],
      [{ cartId: guest.cart.id, recoveryToken: guest.token }, store],
      [{ cartId: quiet.cart.id, recoveryToken: guest.recoveryToken }, store],
      [{ cartId: expired.cart.id, recoveryToken: expired.recoveryToken }, store],
      [{ cartId: closed.cart.id, recoveryToken: closed.recoveryToken }, store],
      [{ cartId: guest.cart.id, recoveryToken: guest.recoveryToken }, { 'x-store-id': otherStoreId }],
      [{ cartId: randomUUID(), recoveryToken: guest.recoveryToken }, store],
    ];
    for (const [input, headers] of attempts) {
      const refused = await mutate<RecoverCartResult>('recoverCart', RECOVER_CART, input, undefined, headers);
      expect(refused).toMatchObject({ cart: null, cartToken: null, userErrors: [{ code: 'CART_RECOVERY_INVALID' }] });
    }
    const malformed = await cart.client(undefined, store).rawRequest(RECOVER_CART, { input: { cartId: 'not-a-cart', recoveryToken: guest.recoveryToken } });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const noStore = await mutate<RecoverCartResult>('recoverCart', RECOVER_CART, { cartId: guest.cart.id, recoveryToken: guest.recoveryToken }, undefined, {});
    expect(noStore.userErrors.map((error) => error.code)).toEqual(['STORE_REQUIRED']);
    expect(await written()).toEqual(before);

    // after all that the right token still works
    const recovered = await mutate<RecoverCartResult>('recoverCart', RECOVER_CART, { cartId: guest.cart.id, recoveryToken: guest.recoveryToken });
    expect(recovered.userErrors).toEqual([]);
  });

  it("gives a customer's abandoned cart back to its signed-in customer only (no new token), refusing anyone else without spending the token", async () => {
    const userId = randomUUID();
    const customer = tokenFor([Role.CUSTOMER], storeId, userId);
    const mine = await createCart({ lines: [{ variantId: small, quantity: 2 }], email: 'customer@example.com' }, customer);
    await idle(mine.cart.id);
    await markAbandonedCarts(cart.runtime, config);
    const [event] = await abandonedEvents(mine.cart.id);
    expect(event.data).toMatchObject({ customerId: userId, email: 'customer@example.com', itemCount: 2 });
    const input = { cartId: mine.cart.id, recoveryToken: tokenIn(event.data.recoveryUrl) };

    const before = await written();
    for (const caller of [undefined, tokenFor([Role.CUSTOMER], storeId)]) {
      const refused = await mutate<RecoverCartResult>('recoverCart', RECOVER_CART, input, caller);
      expect(refused).toMatchObject({ cart: null, cartToken: null, userErrors: [{ code: 'CART_SIGN_IN_REQUIRED', field: ['input', 'cartId'] }] });
    }
    expect(await written()).toEqual(before);

    const recovered = await mutate<RecoverCartResult>('recoverCart', RECOVER_CART, input, customer);
    expect(recovered).toMatchObject({ cart: { id: mine.cart.id, userId, itemCount: 2 }, cartToken: null, userErrors: [] });
    const replay = await mutate<RecoverCartResult>('recoverCart', RECOVER_CART, input, customer);
    expect(replay.userErrors.map((error) => error.code)).toEqual(['CART_RECOVERY_INVALID']);
  });
});
