import { GraphQLClient, gql } from 'graphql-request';
import type { Stack } from '../../scripts/lib/stack';
import { acquireStack, releaseStack } from '../../scripts/lib/stack-pool';
import { eventually } from '../../subgraphs/kit/test/support/test-names';
import { Storefront } from './support/storefront';

const USD = (amount: number) => ({ amount, currencyCode: 'USD' });

const CREATE_ZONE = gql`
  mutation ($input: CreateShippingZoneInput!) {
    createShippingZone(input: $input) {
      shippingZone {
        id
      }
      userErrors {
        code
      }
    }
  }
`;
const CREATE_METHOD = gql`
  mutation ($input: CreateShippingMethodInput!) {
    createShippingMethod(input: $input) {
      shippingMethod {
        id
      }
      userErrors {
        code
      }
    }
  }
`;
const SET_ADDRESSES = gql`
  mutation ($input: SetCartAddressesInput!) {
    setCartAddresses(input: $input) {
      cart {
        id
      }
      userErrors {
        code
      }
    }
  }
`;
const CART_RATES = gql`
  query ($id: ID!, $token: String) {
    cart(id: $id, token: $token) {
      subtotal {
        amount
      }
      totalWeightGrams
      availableShippingRates {
        id
        title
        price {
          amount
          currencyCode
        }
        freeOverApplied
      }
    }
  }
`;

const SELECT_RATE = gql`
  mutation ($input: SelectCartShippingRateInput!) {
    selectCartShippingRate(input: $input) {
      cart {
        id
      }
      userErrors {
        code
      }
    }
  }
`;
const CART_TOTALS = gql`
  query ($id: ID!, $token: String) {
    cart(id: $id, token: $token) {
      subtotal {
        amount
      }
      shippingTotal {
        amount
        currencyCode
      }
      total {
        amount
      }
      selectedShippingRate {
        rateId
        title
        amount {
          amount
          currencyCode
        }
      }
      availableShippingRates {
        id
        price {
          amount
        }
      }
    }
  }
`;

interface CartTotals {
  cart: {
    subtotal: { amount: number };
    shippingTotal: { amount: number; currencyCode: string };
    total: { amount: number };
    selectedShippingRate: { rateId: string; title: string; amount: { amount: number; currencyCode: string } } | null;
    availableShippingRates: { id: string; price: { amount: number } }[];
  } | null;
}

interface CartRates {
  cart: {
    subtotal: { amount: number };
    totalWeightGrams: number;
    availableShippingRates: { id: string; title: string; price: { amount: number; currencyCode: string }; freeOverApplied: boolean }[];
  } | null;
}

/** Issue 14, item 5: a store's shipping rates offered to a guest cart through federation (@requires on cart's fields). */
describe('shipping rates through the gateway', () => {
  let stack: Stack;
  let store: Storefront;

  beforeAll(async () => {
    stack = await acquireStack({ name: 'shipping' });
    store = await Storefront.open(stack, 'Parcel Place');
  }, 120_000);
  afterAll(async () => {
    await releaseStack(stack);
  });

  it('offers a guest cart with an address both of the merchant’s methods, priced for its weight and subtotal, free over the threshold; the chosen rate is charged as offered', async () => {
    const merchant = new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': store.storeId, authorization: `Bearer ${store.merchantToken}` } });
    const guest = new GraphQLClient(stack.gatewayUrl, { headers: { 'x-store-id': store.storeId } });

    // the merchant ships to the United States: Standard flat 8.00 (free from 100.00), Express by weight
    const { createShippingZone } = await merchant.request<{ createShippingZone: { shippingZone: { id: string }; userErrors: unknown[] } }>(CREATE_ZONE, {
      input: { name: 'United States', regions: [{ countryCode: 'US' }] },
    });
    expect(createShippingZone.userErrors).toEqual([]);
    const zoneId = createShippingZone.shippingZone.id;
    const method = async (input: Record<string, unknown>) =>
      (
        await merchant.request<{ createShippingMethod: { shippingMethod: { id: string } } }>(CREATE_METHOD, {
          input: { zoneId, currencyCode: 'USD', ...input },
        })
      ).createShippingMethod.shippingMethod.id;
    const standard = await method({ name: 'Standard', rate: { kind: 'FLAT', amount: 800 }, freeOverSubtotal: 10000 });
    const express = await method({
      name: 'Express',
      rate: {
        kind: 'BY_WEIGHT',
        weightBrackets: [
          { minWeightGrams: 0, maxWeightGrams: 1000, amount: 1500 },
          { minWeightGrams: 1000, amount: 2500 },
        ],
      },
    });

    // a product of 600 g at 40.00, and a guest cart of one unit shipping to New York
    const { createProduct } = await store.merchant.CreateProductWithVariants({
      input: { title: 'Clay mug', status: 'ACTIVE', price: USD(4000), sku: 'MUG', weightGrams: 600 },
    });
    expect(createProduct.userErrors).toEqual([]);
    const variantId = createProduct.product!.variants[0].id;
    const created = await eventually(
      async () => {
        const { createCart } = await store.sdkFor().CreateCart({ input: { lines: [{ variantId, quantity: 1 }] } });
        return createCart.userErrors.length === 0 ? createCart : undefined;
      },
      15_000,
      'cart to know the product',
    );
    const cartId = created.cart!.id;
    const cartToken = created.cartToken!;
    const { setCartAddresses } = await guest.request<{ setCartAddresses: { userErrors: unknown[] } }>(SET_ADDRESSES, {
      input: { cartId, cartToken, shippingAddress: { line1: '1 Main St', city: 'New York', provinceCode: 'NY', postalCode: '10001', countryCode: 'US' } },
    });
    expect(setCartAddresses.userErrors).toEqual([]);

    const one = (await guest.request<CartRates>(CART_RATES, { id: cartId, token: cartToken })).cart!;
    expect(one).toMatchObject({ subtotal: { amount: 4000 }, totalWeightGrams: 600 });
    expect(one.availableShippingRates).toEqual([
      { id: standard, title: 'Standard', price: USD(800), freeOverApplied: false },
      { id: express, title: 'Express', price: USD(1500), freeOverApplied: false },
    ]);

    // the guest chooses Standard once cart has heard of the method (shipping.method-updated): charged 8.00, as offered
    await eventually(
      async () => {
        const { selectCartShippingRate } = await guest.request<{ selectCartShippingRate: { userErrors: { code: string }[] } }>(SELECT_RATE, {
          input: { cartId, cartToken, rateId: standard },
        });
        return selectCartShippingRate.userErrors.length === 0 ? true : undefined;
      },
      15_000,
      'cart to know the shipping method',
    );
    const chosen = (await guest.request<CartTotals>(CART_TOTALS, { id: cartId, token: cartToken })).cart!;
    expect(chosen).toMatchObject({
      subtotal: { amount: 4000 },
      shippingTotal: USD(800),
      total: { amount: 4800 },
      selectedShippingRate: { rateId: standard, title: 'Standard', amount: USD(800) },
    });
    expect(chosen.availableShippingRates.find((rate) => rate.id === standard)!.price.amount).toBe(chosen.shippingTotal.amount);
    const { selectCartShippingRate: refused } = await guest.request<{ selectCartShippingRate: { userErrors: { code: string }[] } }>(SELECT_RATE, {
      input: { cartId, cartToken, rateId: zoneId },
    });
    expect(refused.userErrors.map((error) => error.code)).toEqual(['SHIPPING_RATE_NOT_OFFERED']);

    // three units: 120.00 and 1.8 kg, so Standard is free and Express is in its second bracket
    const { updateCartLines } = await store.sdkFor().UpdateCartLines({ input: { cartId, cartToken, lines: [{ variantId, quantity: 3 }] } });
    expect(updateCartLines.userErrors).toEqual([]);
    const three = (await guest.request<CartRates>(CART_RATES, { id: cartId, token: cartToken })).cart!;
    expect(three).toMatchObject({ subtotal: { amount: 12000 }, totalWeightGrams: 1800 });
    expect(three.availableShippingRates).toEqual([
      { id: standard, title: 'Standard', price: USD(0), freeOverApplied: true },
      { id: express, title: 'Express', price: USD(2500), freeOverApplied: false },
    ]);
    // the chosen Standard is priced again: over the free-over threshold it costs nothing
    const free = (await guest.request<CartTotals>(CART_TOTALS, { id: cartId, token: cartToken })).cart!;
    expect(free).toMatchObject({
      subtotal: { amount: 12000 },
      shippingTotal: USD(0),
      total: { amount: 12000 },
      selectedShippingRate: { rateId: standard, amount: USD(0) },
    });
  });
});
