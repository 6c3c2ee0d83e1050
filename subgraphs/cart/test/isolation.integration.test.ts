import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inScope, Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { cartSubgraph } from '../src/cart.subgraph';
import { productWith, upstreamEvents } from './support/upstream-events';
import {
  ADD_LINES,
  CART,
  CREATE_CART,
  ENTITIES,
  MERGE_CART,
  MY_CART,
  REMOVE_LINES,
  SET_ADDRESSES,
  SET_EMAIL,
  UPDATE_LINES,
  type CartPayloadResult,
  type CartResult,
} from './support/cart-operations';
import { CREATE_TAX_RULE, DELETE_TAX_RULE, TAX_RULE, TAX_RULES, UPDATE_TAX_RULE } from './support/tax-rule-operations';
import { APPLY_CODE, CREATE_PROMOTION, DEACTIVATE_PROMOTION, PROMOTION, PROMOTIONS, REMOVE_CODE, UPDATE_PROMOTION } from './support/promotion-operations';

const TABLES = [
  'cart',
  'cart_line',
  'catalog_product',
  'catalog_variant',
  'catalog_collection_member',
  'store_pricing_settings',
  'promotion',
  'promotion_customer_usage',
  'cart_discount_code',
  'tax_rule',
];

interface StoreData {
  storeId: string;
  variantId: string;
  merchant: string;
  staff: string;
  customerUserId: string;
  customer: string;
  customerCartId: string;
  guestCartId: string;
  guestToken: string;
  promotionId: string;
  code: string;
  taxRuleId: string;
}

describe('cart subgraph: tenant and shopper isolation', () => {
  let cart: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => cart);
  const stores: Record<'a' | 'b', StoreData> = {} as never;

  const raw = <T>(token: string | undefined, storeId: string | null, query: string, variables: Record<string, unknown>) =>
    cart.client(token, storeId ? { 'x-store-id': storeId } : {}).rawRequest<T>(query, variables);
  const data = async <T>(token: string | undefined, storeId: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const result = await raw<T>(token, storeId, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const readCart = async (token: string | undefined, storeId: string | null, id: string, cartToken: string | null = null) =>
    (await data<{ cart: CartResult | null }>(token, storeId, CART, { id, token: cartToken })).cart;
  const mutate = async (token: string | undefined, storeId: string, name: string, query: string, input: Record<string, unknown>) =>
    (await data<Record<string, CartPayloadResult>>(token, storeId, query, { input }))[name];
  /** Every row of a store in every table, read as the owner. */
  const snapshot = async (storeId: string) => {
    const rows: Record<string, unknown[]> = {};
    for (const table of TABLES) rows[table] = await owner.query(`SELECT * FROM ${table} WHERE store_id = $1 ORDER BY 1, 2`, [storeId]);
    return rows;
  };

  /** A store with a product in a collection, a guest cart and a customer's cart. */
  async function seedStore(): Promise<StoreData> {
    const storeId = randomUUID();
    const product = productWith([1500]);
    await events.storeCreated(storeId);
    await events.productEvent(storeId, product.productId, 1, product.variants);
    await events.collectionUpdated(storeId, randomUUID(), 1, [product.productId]);
    const variantId = product.variants[0].variantId;
    const customerUserId = randomUUID();
    const customer = tokenFor([Role.CUSTOMER], storeId, customerUserId);
    const guest = await mutate(undefined, storeId, 'createCart', CREATE_CART, { lines: [{ variantId, quantity: 1 }] });
    const mine = await mutate(customer, storeId, 'createCart', CREATE_CART, { lines: [{ variantId, quantity: 2 }] });
    const merchant = tokenFor([Role.MERCHANT], storeId);
    const code = `C${storeId.slice(0, 8).toUpperCase()}`;
    const promotion = (
      await data<{ createPromotion: { promotion: { id: string } } }>(merchant, storeId, CREATE_PROMOTION, {
        input: { title: 'Ten off', code, valueKind: 'PERCENTAGE', basisPoints: 1000, usageLimitPerCustomer: 3 },
      })
    ).createPromotion.promotion;
    await data(undefined, storeId, APPLY_CODE, { input: { cartId: guest.cart!.id, cartToken: guest.cartToken, code } });
    // what checkout will count (next session): a customer's use of the code
    await owner.query(`INSERT INTO promotion_customer_usage (promotion_id, store_id, customer_id, times_used) VALUES ($1, $2, $3, 1)`, [
      promotion.id,
      storeId,
      customerUserId,
    ]);
    const taxRule = (
      await data<{ createTaxRule: { taxRule: { id: string } } }>(merchant, storeId, CREATE_TAX_RULE, {
        input: { title: 'VAT', countryCode: 'FR', rateBasisPoints: 2000 },
      })
    ).createTaxRule.taxRule;
    return {
      taxRuleId: taxRule.id,
      promotionId: promotion.id,
      code,
      storeId,
      variantId,
      merchant,
      staff: tokenFor([Role.STORE_STAFF], storeId),
      customerUserId,
      customer,
      customerCartId: mine.cart!.id,
      guestCartId: guest.cart!.id,
      guestToken: guest.cartToken!,
    };
  }

  /** Every cart mutation on `target` as `token` in `storeId`, each expected to be refused with `code`. */
  async function everyMutationRefused(token: string | undefined, storeId: string, target: { cartId: string; cartToken: string | null }, variantId: string) {
    const attempts: [string, string, Record<string, unknown>][] = [
      ['addCartLines', ADD_LINES, { ...target, lines: [{ variantId, quantity: 1 }] }],
      ['updateCartLines', UPDATE_LINES, { ...target, lines: [{ variantId, quantity: 3 }] }],
      ['removeCartLines', REMOVE_LINES, { ...target, variantIds: [variantId] }],
      ['setCartEmail', SET_EMAIL, { ...target, email: 'intruder@example.com' }],
      ['applyCartDiscountCode', APPLY_CODE, { ...target, code: 'ANYCODE' }],
      ['removeCartDiscountCode', REMOVE_CODE, { ...target, code: 'ANYCODE' }],
      ['setCartAddresses', SET_ADDRESSES, { ...target, shippingAddress: { line1: '1 Intruder Way', city: 'Elsewhere', countryCode: 'US' } }],
    ];
    if (token && target.cartToken) attempts.push(['mergeCart', MERGE_CART, target]);
    for (const [name, query, input] of attempts) {
      const answer = await mutate(token, storeId, name, query, input);
      expect({ name, cart: answer.cart, codes: answer.userErrors.map((error) => error.code) }).toEqual({ name, cart: null, codes: ['CART_NOT_FOUND'] });
    }
  }

  beforeAll(async () => {
    cart = await startTestSubgraph(cartSubgraph);
    owner = await openOwnerConnection(cart.runtime.config);
    stores.a = await seedStore();
    stores.b = await seedStore();
  });
  afterAll(async () => {
    await owner?.destroy();
    await cart?.close();
  });

  it("lets store A's staff read A's carts (support) and gives store B's staff nothing of A's, by any id, including _entities", async () => {
    const { a, b } = stores;
    expect((await readCart(a.merchant, a.storeId, a.guestCartId))?.id).toBe(a.guestCartId);
    expect((await readCart(a.staff, a.storeId, a.customerCartId))?.id).toBe(a.customerCartId);
    for (const id of [a.guestCartId, a.customerCartId]) {
      expect(await readCart(b.merchant, b.storeId, id)).toBeNull();
      expect(await readCart(b.merchant, b.storeId, id, a.guestToken)).toBeNull();
      // naming A as the store does not make B's staff A's
      expect(await readCart(b.merchant, a.storeId, id)).toBeNull();
    }
    const representations = [a.guestCartId, a.customerCartId].map((id) => ({ __typename: 'Cart', id }));
    expect((await data<{ _entities: unknown[] }>(b.merchant, b.storeId, ENTITIES, { representations }))._entities).toEqual([null, null]);
    const own = (await data<{ _entities: ({ id: string } | null)[] }>(a.merchant, a.storeId, ENTITIES, { representations }))._entities;
    expect(own.map((entity) => entity?.id)).toEqual([a.guestCartId, a.customerCartId]);
    // a platform admin without a store sees every store's carts
    expect((await readCart(tokenFor([Role.PLATFORM_ADMIN], null), null, a.guestCartId))?.id).toBe(a.guestCartId);
  });

  it("keeps shoppers apart: a guest cart needs its token, a customer's cart is theirs alone, in its own store only", async () => {
    const { a, b } = stores;
    const otherCustomer = tokenFor([Role.CUSTOMER], a.storeId, randomUUID());
    expect(await readCart(undefined, a.storeId, a.guestCartId)).toBeNull();
    expect(await readCart(otherCustomer, a.storeId, a.guestCartId)).toBeNull();
    expect((await readCart(otherCustomer, a.storeId, a.guestCartId, a.guestToken))?.id).toBe(a.guestCartId);
    expect(await readCart(otherCustomer, a.storeId, a.customerCartId)).toBeNull();
    expect(await readCart(undefined, a.storeId, a.customerCartId, a.guestToken)).toBeNull();
    expect((await readCart(a.customer, a.storeId, a.customerCartId))?.id).toBe(a.customerCartId);
    // the same shopper in store B: their token names them, not their cart in A
    const sameUserInB = tokenFor([Role.CUSTOMER], b.storeId, a.customerUserId);
    expect(await readCart(sameUserInB, b.storeId, a.customerCartId)).toBeNull();
    expect((await data<{ myCart: CartResult | null }>(sameUserInB, b.storeId, MY_CART)).myCart).toBeNull();
    expect(await readCart(undefined, b.storeId, a.guestCartId, a.guestToken)).toBeNull();
    const representations = [{ __typename: 'Cart', id: a.guestCartId }];
    expect((await data<{ _entities: unknown[] }>(otherCustomer, a.storeId, ENTITIES, { representations }))._entities).toEqual([null]);
  });

  it('refuses every cart mutation across stores, across shoppers and to staff, writing nothing', async () => {
    const { a, b } = stores;
    const before = await snapshot(a.storeId);
    const guestTarget = { cartId: a.guestCartId, cartToken: a.guestToken };
    const customerTarget = { cartId: a.customerCartId, cartToken: null };
    // from store B, with A's token and ids
    await everyMutationRefused(undefined, b.storeId, guestTarget, b.variantId);
    await everyMutationRefused(b.customer, b.storeId, guestTarget, b.variantId);
    await everyMutationRefused(b.merchant, b.storeId, customerTarget, b.variantId);
    // in store A: without the token, another customer, the store's staff
    await everyMutationRefused(undefined, a.storeId, { ...guestTarget, cartToken: 'wrong' }, a.variantId);
    await everyMutationRefused(tokenFor([Role.CUSTOMER], a.storeId, randomUUID()), a.storeId, customerTarget, a.variantId);
    await everyMutationRefused(a.merchant, a.storeId, customerTarget, a.variantId);
    await everyMutationRefused(a.staff, a.storeId, { ...guestTarget, cartToken: null }, a.variantId);
    // a customer cannot "merge" another customer's cart, nor their own
    for (const token of [tokenFor([Role.CUSTOMER], a.storeId, randomUUID()), a.customer]) {
      const merged = await mutate(token, a.storeId, 'mergeCart', MERGE_CART, { cartId: a.customerCartId, cartToken: 'anything' });
      expect(merged.userErrors.map((error) => error.code)).toEqual(['CART_NOT_FOUND']);
    }
    // store B's variant cannot join store A's cart
    const foreign = await mutate(undefined, a.storeId, 'addCartLines', ADD_LINES, { ...guestTarget, lines: [{ variantId: b.variantId, quantity: 1 }] });
    expect(foreign.userErrors.map((error) => error.code)).toEqual(['PRODUCT_NOT_AVAILABLE']);
    const created = await mutate(undefined, a.storeId, 'createCart', CREATE_CART, { lines: [{ variantId: b.variantId, quantity: 1 }] });
    expect(created.userErrors.map((error) => error.code)).toEqual(['PRODUCT_NOT_AVAILABLE']);
    expect(await snapshot(a.storeId)).toEqual(before);
  });

  it('merges only within one store: a guest cart of store A cannot join a customer cart in store B', async () => {
    const { a, b } = stores;
    const beforeA = await snapshot(a.storeId);
    const beforeB = await snapshot(b.storeId);
    const merged = await mutate(b.customer, b.storeId, 'mergeCart', MERGE_CART, { cartId: a.guestCartId, cartToken: a.guestToken });
    expect(merged.userErrors.map((error) => error.code)).toEqual(['CART_NOT_FOUND']);
    expect(await snapshot(a.storeId)).toEqual(beforeA);
    expect(await snapshot(b.storeId)).toEqual(beforeB);
  });

  it("keeps promotions to their store's staff: another store's staff cannot read, list, change or deactivate them, nor shoppers use its codes", async () => {
    const { a, b } = stores;
    const before = await snapshot(a.storeId);
    expect((await data<{ promotion: { id: string } | null }>(a.merchant, a.storeId, PROMOTION, { id: a.promotionId })).promotion?.id).toBe(a.promotionId);
    for (const [token, storeId] of [
      [b.merchant, b.storeId],
      [b.staff, b.storeId],
    ] as const) {
      expect((await data<{ promotion: unknown }>(token, storeId, PROMOTION, { id: a.promotionId })).promotion).toBeNull();
      const listed = await data<{ promotions: { nodes: { id: string }[] } }>(token, storeId, PROMOTIONS, { first: 100 });
      expect(listed.promotions.nodes.map((node) => node.id)).toEqual([b.promotionId]);
      for (const [name, query, input] of [
        ['updatePromotion', UPDATE_PROMOTION, { id: a.promotionId, title: 'Hijacked' }],
        ['deactivatePromotion', DEACTIVATE_PROMOTION, { id: a.promotionId }],
      ] as const) {
        const answer = (await data<Record<string, { promotion: unknown; userErrors: { code: string }[] }>>(token, storeId, query, { input }))[name];
        expect({ name, promotion: answer.promotion, codes: answer.userErrors.map((error) => error.code) }).toEqual({
          name,
          promotion: null,
          codes: ['PROMOTION_NOT_FOUND'],
        });
      }
    }
    // naming A as the store does not make B's merchant A's staff
    const crossed = await raw(b.merchant, a.storeId, PROMOTION, { id: a.promotionId });
    expect((crossed.data as { promotion: unknown } | undefined)?.promotion ?? null).toBeNull();
    // shoppers: store A's code is unknown on store B's cart; a customer or guest cannot manage promotions
    const applied = await mutate(undefined, b.storeId, 'applyCartDiscountCode', APPLY_CODE, { cartId: b.guestCartId, cartToken: b.guestToken, code: a.code });
    expect(applied.userErrors.map((error) => error.code)).toEqual(['DISCOUNT_CODE_NOT_FOUND']);
    for (const token of [a.customer, undefined]) {
      const refused = await raw(token, a.storeId, DEACTIVATE_PROMOTION, { input: { id: a.promotionId } });
      expect(refused.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    expect(await snapshot(a.storeId)).toEqual(before);
  });

  it("keeps tax rules to their store's staff: another store's staff cannot read, list, change or delete them", async () => {
    const { a, b } = stores;
    const before = await snapshot(a.storeId);
    expect((await data<{ taxRule: { id: string } | null }>(a.merchant, a.storeId, TAX_RULE, { id: a.taxRuleId })).taxRule?.id).toBe(a.taxRuleId);
    for (const token of [b.merchant, b.staff]) {
      expect((await data<{ taxRule: unknown }>(token, b.storeId, TAX_RULE, { id: a.taxRuleId })).taxRule).toBeNull();
      const listed = await data<{ taxRules: { nodes: { id: string }[] } }>(token, b.storeId, TAX_RULES, { first: 100 });
      expect(listed.taxRules.nodes.map((node) => node.id)).toEqual([b.taxRuleId]);
      for (const [name, query, input] of [
        ['updateTaxRule', UPDATE_TAX_RULE, { id: a.taxRuleId, title: 'Hijacked', countryCode: 'FR', rateBasisPoints: 0 }],
        ['deleteTaxRule', DELETE_TAX_RULE, { id: a.taxRuleId }],
      ] as const) {
        const answer = (await data<Record<string, { taxRule: unknown; userErrors: { code: string }[] }>>(token, b.storeId, query, { input }))[name];
        expect({ name, codes: answer.userErrors.map((error) => error.code) }).toEqual({ name, codes: ['TAX_RULE_NOT_FOUND'] });
      }
    }
    const crossed = await raw(b.merchant, a.storeId, TAX_RULE, { id: a.taxRuleId });
    expect((crossed.data as { taxRule: unknown } | undefined)?.taxRule ?? null).toBeNull();
    for (const token of [a.customer, undefined]) {
      const refused = await raw(token, a.storeId, DELETE_TAX_RULE, { input: { id: a.taxRuleId } });
      expect(refused.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    expect(await snapshot(a.storeId)).toEqual(before);
  });

  it('forces row-level security on every table, none owned by the application role', async () => {
    const rows: { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; owner: string }[] = await owner.query(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
        WHERE c.relname = ANY($1) AND c.relkind = 'r' ORDER BY c.relname`,
      [TABLES],
    );
    expect(rows.map((row) => row.relname)).toEqual([...TABLES].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
      expect(row.owner).not.toBe(cart.runtime.config.database.appUser);
    }
  });

  it("refuses a query without a store, hides another store's rows without a condition and refuses writes into them", async () => {
    const { a, b } = stores;
    const { dataSource } = cart.runtime;
    await expect(dataSource.query('SELECT count(*) FROM cart')).rejects.toThrow(/no store scope/);
    for (const table of TABLES) {
      const rows: { store_id: string }[] = await inScope(dataSource, b.storeId, (manager) => manager.query(`SELECT DISTINCT store_id FROM ${table}`));
      // every table holds rows of both stores; B's scope sees B's only, though the query names no store
      expect([table, rows.map((row) => row.store_id)]).toEqual([table, [b.storeId]]);
    }
    await expect(
      inScope(dataSource, b.storeId, (manager) =>
        manager.query(`INSERT INTO cart_line (store_id, cart_id, variant_id, quantity) VALUES ($1, $2, $3, 1)`, [a.storeId, a.guestCartId, a.variantId]),
      ),
    ).rejects.toThrow(/row-level security/);
    const [, updated] = await inScope(dataSource, b.storeId, (manager) =>
      manager.query(`UPDATE cart SET email = 'pwned@example.com' WHERE id = $1`, [a.guestCartId]),
    );
    expect(updated).toBe(0);
  });
});
