import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { priceCart, Role, type TaxRule as EngineTaxRule } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import type * as CartSubgraphModule from '../src/cart.subgraph';
import { productWith, upstreamEvents } from './support/upstream-events';
import { CREATE_CART, SET_ADDRESSES, type CartPayloadResult } from './support/cart-operations';
import { CREATE_TAX_RULE, DELETE_TAX_RULE, TAX_RULE, TAX_RULES, TAXED_CART, UPDATE_TAX_RULE, type TaxedCartResult } from './support/tax-rule-operations';

interface TaxRulePayload {
  taxRule: ({ id: string } & Record<string, unknown>) | null;
  deletedId?: string | null;
  userErrors: { code: string; field: string[] | null }[];
}

describe('cart subgraph: tax rules', () => {
  let cart: TestSubgraph;
  let owner: DataSource;
  const events = upstreamEvents(() => cart);
  const storeId = randomUUID();
  const store = { 'x-store-id': storeId };
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const tee = productWith([1999]);

  const request = async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
    const result = await cart.client(token, store).rawRequest<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const staff = async (name: string, query: string, input: Record<string, unknown>) =>
    (await request<Record<string, TaxRulePayload>>(query, { input }, merchant))[name];
  const rulesWritten = () => owner.query(`SELECT * FROM tax_rule WHERE store_id = $1 ORDER BY id`, [storeId]);

  beforeAll(async () => {
    const { cartSubgraph } = jest.requireActual<typeof CartSubgraphModule>('../src/cart.subgraph');
    cart = await startTestSubgraph(cartSubgraph);
    owner = await openOwnerConnection(cart.runtime.config);
    await events.storeCreated(storeId, 'CAD');
    await events.productEvent(storeId, tee.productId, 1, [{ ...tee.variants[0], price: { amount: 1999, currencyCode: 'CAD' } }]);
  });
  afterAll(async () => {
    await owner?.destroy();
    await cart?.close();
  });

  it('taxes a cart by its shipping address with the store rules, as priceCart does, per region', async () => {
    const rules: Record<string, unknown>[] = [
      // the most specific rules win (docs/pricing.md): a province's rules replace the country's
      { title: 'GST', countryCode: 'CA', rateBasisPoints: 500 },
      { title: 'GST', countryCode: 'CA', provinceCode: 'BC', rateBasisPoints: 500 },
      { title: 'PST', countryCode: 'CA', provinceCode: 'BC', rateBasisPoints: 700 },
      { title: 'HST', countryCode: 'CA', provinceCode: 'ON', rateBasisPoints: 1300 },
    ];
    const created: EngineTaxRule[] = [];
    for (const input of rules) {
      const answer = await staff('createTaxRule', CREATE_TAX_RULE, input);
      expect(answer.userErrors).toEqual([]);
      const rule = answer.taxRule!;
      created.push({
        ruleId: rule.id,
        title: rule.title as string,
        countryCode: 'CA',
        provinceCode: (rule.provinceCode as string | null) ?? null,
        postalCodePrefix: null,
        taxClass: null,
        rateBasisPoints: rule.rateBasisPoints as number,
      });
    }
    const made = (await request<{ createCart: CartPayloadResult }>(CREATE_CART, { input: { lines: [{ variantId: tee.productId, quantity: 3 }] } })).createCart;
    const target = { cartId: made.cart!.id, cartToken: made.cartToken! };
    const read = async () => (await request<{ cart: TaxedCartResult }>(TAXED_CART, { id: target.cartId, token: target.cartToken })).cart;
    expect((await read()).taxLines).toEqual([]);

    for (const [provinceCode, titles] of [
      ['BC', ['GST', 'PST']],
      ['ON', ['HST']],
      ['QC', ['GST']],
    ] as const) {
      const address = { line1: '1 Main St', city: 'Somewhere', provinceCode, countryCode: 'CA', postalCode: 'A1A 1A1' };
      await request(SET_ADDRESSES, { input: { ...target, shippingAddress: address } });
      const taxed = await read();
      const expected = priceCart({
        settings: { currencyCode: 'CAD', rounding: 'PER_LINE', pricesIncludeTax: false },
        lines: [
          {
            lineId: taxed.lines[0].id,
            variantId: tee.productId,
            productId: tee.productId,
            quantity: 3,
            unitPrice: 1999,
            unitWeightGrams: 250,
            taxClass: null,
            collectionIds: [],
            tags: ['summer'],
            productType: 'Shirt',
            vendor: 'Acme',
          },
        ],
        customer: { customerId: null, taxExempt: false },
        shippingAddress: { countryCode: 'CA', provinceCode, postalCode: 'A1A 1A1' },
        shippingRate: null,
        promotions: [],
        codes: [],
        taxRules: created,
        now: new Date(),
      });
      expect(taxed.taxLines.map((line) => line.title).sort()).toEqual([...titles]);
      expect(expected.taxTotal).toBeGreaterThan(0);
      expect([taxed.subtotal.amount, taxed.taxTotal.amount, taxed.total.amount]).toEqual([expected.subtotal, expected.taxTotal, expected.total]);
      expect(taxed.taxLines.map((line) => [line.title, line.amount.amount]).sort()).toEqual(expected.taxLines.map((line) => [line.title, line.amount]).sort());
    }
  });

  it("applies a tax class's rules only to the lines of products in that class, and the standard rules again once the class is cleared", async () => {
    // a store of its own: the other cases' rules stay out of it
    const classStoreId = randomUUID();
    const classStore = { 'x-store-id': classStoreId };
    const classMerchant = tokenFor([Role.MERCHANT], classStoreId);
    const ask = async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
      const result = await cart.client(token, classStore).rawRequest<T>(query, variables);
      expect(result.errors).toBeUndefined();
      return result.data;
    };
    await events.storeCreated(classStoreId, 'CAD');
    const shirt = productWith([2000], 'CAD');
    const book = productWith([1000], 'CAD');
    await events.productEvent(classStoreId, shirt.productId, 1, shirt.variants);
    await events.productEvent(classStoreId, book.productId, 1, book.variants, { taxClass: 'books' });
    for (const input of [
      { title: 'GST', countryCode: 'CA', rateBasisPoints: 500 },
      { title: 'GST on books', countryCode: 'CA', taxClass: 'books', rateBasisPoints: 100 },
    ]) {
      const answer = await ask<{ createTaxRule: TaxRulePayload }>(CREATE_TAX_RULE, { input }, classMerchant);
      expect(answer.createTaxRule.userErrors).toEqual([]);
    }
    const lines = [
      { variantId: shirt.productId, quantity: 1 },
      { variantId: book.productId, quantity: 1 },
    ];
    const made = (await ask<{ createCart: CartPayloadResult }>(CREATE_CART, { input: { lines } })).createCart;
    const target = { cartId: made.cart!.id, cartToken: made.cartToken! };
    const address = { line1: '1 Main St', city: 'Toronto', provinceCode: 'ON', countryCode: 'CA', postalCode: 'M5V 1A1' };
    await ask(SET_ADDRESSES, { input: { ...target, shippingAddress: address } });
    const read = async () => (await ask<{ cart: TaxedCartResult }>(TAXED_CART, { id: target.cartId, token: target.cartToken })).cart;

    // 5 % of the shirt's 20.00 and 1 % of the book's 10.00: the books rule never touches the shirt, GST never the book
    const classed = await read();
    expect(new Map(classed.taxLines.map((line) => [line.title, line.amount.amount]))).toEqual(
      new Map([
        ['GST', 100],
        ['GST on books', 10],
      ]),
    );
    expect([classed.subtotal.amount, classed.taxTotal.amount, classed.total.amount]).toEqual([3000, 110, 3110]);

    await events.productEvent(classStoreId, book.productId, 2, book.variants, { taxClass: null });
    const cleared = await read();
    expect(cleared.taxLines.map((line) => [line.title, line.amount.amount])).toEqual([['GST', 150]]);
    expect(cleared.taxTotal.amount).toBe(150);
  });

  it('lets staff read, list, update and delete rules; refuses bad input, unknown rules and shoppers, writing nothing', async () => {
    const rule = (await staff('createTaxRule', CREATE_TAX_RULE, { title: 'Books', countryCode: 'CA', taxClass: 'books', rateBasisPoints: 0 })).taxRule!;
    const before = await rulesWritten();
    for (const input of [
      { title: 'Bad', countryCode: 'ca', rateBasisPoints: 100 },
      { title: 'Bad', countryCode: 'XX', rateBasisPoints: 100 },
      { title: 'Bad', countryCode: 'CA', provinceCode: 'CA-BC', rateBasisPoints: 100 },
      { title: 'Bad', countryCode: 'CA', rateBasisPoints: -1 },
      { title: 'Bad', countryCode: 'CA', rateBasisPoints: 100_001 },
      { title: '', countryCode: 'CA', rateBasisPoints: 1 },
      { title: 'Bad', countryCode: 'CA', taxClass: 'Has Spaces', rateBasisPoints: 1 },
    ]) {
      const invalid = await cart.client(merchant, store).rawRequest(CREATE_TAX_RULE, { input });
      expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const missing = await staff('updateTaxRule', UPDATE_TAX_RULE, { id: randomUUID(), title: 'Ghost', countryCode: 'CA', rateBasisPoints: 1 });
    expect(missing.userErrors.map((error) => error.code)).toEqual(['TAX_RULE_NOT_FOUND']);
    const gone = await staff('deleteTaxRule', DELETE_TAX_RULE, { id: randomUUID() });
    expect(gone.userErrors.map((error) => error.code)).toEqual(['TAX_RULE_NOT_FOUND']);
    const shopper = await cart.client(tokenFor([Role.CUSTOMER], storeId, randomUUID()), store).rawRequest(DELETE_TAX_RULE, { input: { id: rule.id } });
    expect(shopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await rulesWritten()).toEqual(before);

    const updated = await staff('updateTaxRule', UPDATE_TAX_RULE, {
      id: rule.id,
      title: 'Books',
      countryCode: 'CA',
      provinceCode: 'QC',
      taxClass: 'books',
      rateBasisPoints: 250,
    });
    expect(updated.taxRule).toMatchObject({ provinceCode: 'QC', rateBasisPoints: 250, taxClass: 'books' });
    expect((await request<{ taxRule: { id: string } }>(TAX_RULE, { id: rule.id }, merchant)).taxRule.id).toBe(rule.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { taxRules: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await request(
        TAX_RULES,
        { first: 2, after, countryCode: 'CA' },
        merchant,
      );
      seen.push(...page.taxRules.nodes.map((node) => node.id));
      after = page.taxRules.pageInfo.hasNextPage ? page.taxRules.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(5);
    expect(seen[0]).toBe(rule.id);
    const deleted = await staff('deleteTaxRule', DELETE_TAX_RULE, { id: rule.id });
    expect(deleted).toMatchObject({ deletedId: rule.id, userErrors: [] });
    expect((await request<{ taxRule: unknown }>(TAX_RULE, { id: rule.id }, merchant)).taxRule).toBeNull();
  });
});
