import { randomUUID } from 'node:crypto';
import { priceCart, type Promotion, type TaxRule } from '@ultramarket/kit';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront, type Sdk } from './support/storefront';
import type { CartDetailsFragment, CartLineInput } from '../../schema/generated/sdk';

const USD = (amount: number) => ({ amount, currencyCode: 'USD' });

/** Issue 14, item 1: a shopper's cart through the gateway, priced from the catalog's current prices. */
describe('cart through the gateway', () => {
  let stack: Stack;
  let store: Storefront;
  let guest: Sdk;
  let small: string;
  let medium: string;
  let productId: string;

  const linesOf = (cart: CartDetailsFragment) => cart.lines.map((line) => [line.variantTitle, line.quantity, line.unitPrice?.amount, line.lineTotal?.amount]);

  /** createCart, retried while cart's read model has not heard of the product yet. */
  const createCart = (sdk: Sdk, lines: CartLineInput[]) =>
    eventually(
      async () => {
        const { createCart: created } = await sdk.CreateCart({ input: { lines } });
        if (created.userErrors.some((error) => error.code === 'PRODUCT_NOT_AVAILABLE')) return undefined;
        expect(created.userErrors).toEqual([]);
        return created;
      },
      15_000,
      'cart to know the product',
    );

  beforeAll(async () => {
    stack = await acquireStack({ name: 'cart' });
    store = await Storefront.open(stack, 'Cart Corner');
    guest = store.sdkFor();
    const { createProduct } = await store.merchant.CreateProductWithVariants({
      input: {
        title: 'Linen shirt',
        status: 'ACTIVE',
        price: USD(3000),
        options: [{ name: 'Size', values: ['S', 'M'] }],
        variants: [
          { sku: 'LIN-S', price: USD(3000), options: [{ name: 'Size', value: 'S' }] },
          { sku: 'LIN-M', price: USD(3200), options: [{ name: 'Size', value: 'M' }] },
        ],
      },
    });
    expect(createProduct.userErrors).toEqual([]);
    productId = createProduct.product!.id;
    [small, medium] = ['LIN-S', 'LIN-M'].map((sku) => createProduct.product!.variants.find((variant) => variant.sku === sku)!.id);
  }, 120_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  it('keeps a guest cart of two variants, reflects a catalog price change, merges it on sign-in, and writes nothing for bad input', async () => {
    // a guest cart with two variants, in the store's currency
    const created = await createCart(guest, [
      { variantId: small, quantity: 2 },
      { variantId: medium, quantity: 1 },
    ]);
    const cartId = created.cart!.id;
    const cartToken = created.cartToken!;
    expect(created.cart).toMatchObject({ currencyCode: 'USD', itemCount: 3, userId: null, subtotal: USD(9200), total: USD(9200) });
    expect(linesOf(created.cart!)).toEqual([
      ['S', 2, 3000, 6000],
      ['M', 1, 3200, 3200],
    ]);
    expect((await guest.Cart({ id: cartId })).cart).toBeNull();

    // the merchant lowers a price: the cart shows the new one
    const { updateProductVariants } = await store.merchant.UpdateProductVariants({ input: { productId, variants: [{ id: small, price: USD(2500) }] } });
    expect(updateProductVariants.userErrors).toEqual([]);
    const repriced = await eventually(
      async () => {
        const { cart } = await guest.Cart({ id: cartId, token: cartToken });
        return cart?.total.amount === 2 * 2500 + 3200 ? cart : undefined;
      },
      15_000,
      'the new price in the cart',
    );
    expect(linesOf(repriced)).toEqual([
      ['S', 2, 2500, 5000],
      ['M', 1, 3200, 3200],
    ]);

    // bad input through the gateway: refused, and the cart is exactly as it was
    const unknown = await guest.AddCartLines({
      input: {
        cartId,
        cartToken,
        lines: [
          { variantId: medium, quantity: 1 },
          { variantId: randomUUID(), quantity: 1 },
        ],
      },
    });
    expect(unknown.addCartLines).toMatchObject({ cart: null, userErrors: [{ code: 'PRODUCT_NOT_AVAILABLE', field: ['input', 'lines', '1', 'variantId'] }] });
    const wrongToken = await guest.RemoveCartLines({ input: { cartId, cartToken: 'guessed', variantIds: [small] } });
    expect(wrongToken.removeCartLines.userErrors.map((error) => error.code)).toEqual(['CART_NOT_FOUND']);
    expect((await guest.Cart({ id: cartId, token: cartToken })).cart).toEqual(repriced);

    // the shopper signs in with a cart of their own, and merges the guest cart into it
    const shopper = store.customer();
    const own = await shopper.sdk.CreateCart({ input: { lines: [{ variantId: medium, quantity: 2 }] } });
    expect(own.createCart).toMatchObject({ cartToken: null, cart: { userId: shopper.userId } });
    const { mergeCart } = await shopper.sdk.MergeCart({ input: { cartId, cartToken } });
    expect(mergeCart.userErrors).toEqual([]);
    expect(mergeCart.cart!.id).toBe(own.createCart.cart!.id);
    expect(linesOf(mergeCart.cart!)).toEqual([
      ['M', 3, 3200, 9600],
      ['S', 2, 2500, 5000],
    ]);
    expect(mergeCart.cart!.total).toEqual(USD(14600));
    expect((await shopper.sdk.MyCart()).myCart?.id).toBe(mergeCart.cart!.id);
    // the guest cart is closed: its token reaches nothing any more
    expect((await guest.Cart({ id: cartId, token: cartToken })).cart).toBeNull();
    // the store's staff read the customer's cart for support; another store's staff do not
    expect((await store.merchant.Cart({ id: mergeCart.cart!.id })).cart?.total).toEqual(USD(14600));
    const elsewhere = await Storefront.open(stack, 'Other Shop');
    expect((await elsewhere.merchant.Cart({ id: mergeCart.cart!.id })).cart).toBeNull();
  });

  it('prices a guest cart with a code, an automatic promotion and tax for two regions exactly as priceCart does', async () => {
    const { createPromotion: automatic } = await store.merchant.CreatePromotion({
      input: { title: 'Shirt deal', valueKind: 'FIXED_AMOUNT', amount: 700, targetKind: 'LINES', productIds: [productId], priority: 1, combinable: true },
    });
    const { createPromotion: coded } = await store.merchant.CreatePromotion({
      input: { title: 'Welcome', code: 'WELCOME5', valueKind: 'PERCENTAGE', basisPoints: 500, priority: 2, combinable: true },
    });
    expect([automatic.userErrors, coded.userErrors]).toEqual([[], []]);
    const rules: TaxRule[] = [];
    for (const input of [
      { title: 'CA sales tax', countryCode: 'US', provinceCode: 'CA', rateBasisPoints: 725 },
      { title: 'NY sales tax', countryCode: 'US', provinceCode: 'NY', rateBasisPoints: 400 },
    ]) {
      const { createTaxRule } = await store.merchant.CreateTaxRule({ input });
      expect(createTaxRule.userErrors).toEqual([]);
      rules.push({ ...input, ruleId: createTaxRule.taxRule!.id, postalCodePrefix: null, taxClass: null });
    }
    const created = await createCart(guest, [{ variantId: medium, quantity: 2 }]);
    const target = { cartId: created.cart!.id, cartToken: created.cartToken! };
    const unknown = await guest.ApplyCartDiscountCode({ input: { ...target, code: 'NOPE123' } });
    expect(unknown.applyCartDiscountCode.userErrors.map((error) => error.code)).toEqual(['DISCOUNT_CODE_NOT_FOUND']);
    expect((await guest.ApplyCartDiscountCode({ input: { ...target, code: 'welcome5' } })).applyCartDiscountCode.userErrors).toEqual([]);

    const promotion = (id: string, title: string, code: string | null, priority: number, value: Promotion['value'], on: Promotion['target']): Promotion => ({
      promotionId: id,
      title,
      code,
      value,
      target: on,
      minimumSubtotal: null,
      minimumQuantity: null,
      startsAt: null,
      endsAt: null,
      priority,
      combinable: true,
    });
    const promotions = [
      promotion(
        automatic.promotion!.id,
        'Shirt deal',
        null,
        1,
        { kind: 'FIXED_AMOUNT', amount: 700 },
        { kind: 'LINES', productIds: [productId], variantIds: [], collectionIds: [] },
      ),
      promotion(coded.promotion!.id, 'Welcome', 'WELCOME5', 2, { kind: 'PERCENTAGE', basisPoints: 500 }, { kind: 'ORDER' }),
    ];
    for (const [provinceCode, title] of [
      ['CA', 'CA sales tax'],
      ['NY', 'NY sales tax'],
    ] as const) {
      const address = { firstName: 'Sam', line1: '1 Main St', city: 'Town', provinceCode, postalCode: '10001', countryCode: 'US' };
      expect((await guest.SetCartAddresses({ input: { ...target, shippingAddress: address } })).setCartAddresses.userErrors).toEqual([]);
      const { cart } = await guest.CartPricing({ id: target.cartId, token: target.cartToken });
      const expected = priceCart({
        settings: { currencyCode: 'USD', rounding: 'PER_LINE', pricesIncludeTax: false },
        lines: cart!.lines.map((line) => ({
          lineId: line.id,
          variantId: line.variantId,
          productId,
          quantity: line.quantity,
          unitPrice: line.unitPrice!.amount,
          unitWeightGrams: null,
          taxClass: null,
          collectionIds: [],
          tags: [],
          productType: null,
          vendor: null,
        })),
        customer: { customerId: null, taxExempt: false },
        shippingAddress: { countryCode: 'US', provinceCode, postalCode: '10001' },
        shippingRate: null,
        promotions,
        codes: ['WELCOME5'],
        taxRules: rules,
        now: new Date(),
      });
      expect(cart!.shippingAddress).toEqual({ countryCode: 'US', provinceCode, postalCode: '10001' });
      expect(cart!.discountCodes).toEqual([{ code: 'WELCOME5', applicable: true, reason: null }]);
      expect(cart!.appliedDiscounts.map((discount) => [discount.title, discount.code, discount.amount.amount])).toEqual(
        expected.appliedPromotions.map((applied) => [applied.title, applied.code, applied.amount]),
      );
      expect(cart!.taxLines.map((line) => [line.title, line.amount.amount])).toEqual([[title, expected.taxLines[0].amount]]);
      expect(expected.discountTotal).toBeGreaterThan(700);
      expect([cart!.subtotal.amount, cart!.discountTotal.amount, cart!.taxTotal.amount, cart!.total.amount]).toEqual([
        expected.subtotal,
        expected.discountTotal,
        expected.taxTotal,
        expected.total,
      ]);
      expect(cart!.lines[0].discountAllocations.map((allocation) => allocation.amount.amount)).toEqual(
        expected.lines[0].discounts.map((allocation) => allocation.amount),
      );
    }
  });
});
