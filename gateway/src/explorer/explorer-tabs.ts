import { randomUUID } from 'node:crypto';
import type { ExplorerStore } from './explorer-store';

/** One of GraphiQL's initial tabs (`defaultTabs`): its editors' texts. */
export interface ExplorerTab {
  query: string;
  variables?: string;
  headers?: string;
}

const VARIANT_PLACEHOLDER = '<a variant id from Browse>';
const CART_PLACEHOLDER = '<the cart id from Cart>';
const TOKEN_PLACEHOLDER = '<the cartToken from Cart>';
const RATE_PLACEHOLDER = '<a rate id from Shipping>';
const ORDER_PLACEHOLDER = '<the order id from Checkout>';

const BROWSE = `query Browse {
  products(first: 5) {
    totalCount
    nodes {
      id
      title
      price {
        amount
        currencyCode
      }
      stock
      variants {
        id
        title
        inStock
      }
    }
  }
}
`;

const CART = `# 2. Start a guest cart with a variant from Browse (in Variables). Keep the cart's id and its
#    cartToken (shown once): the next tabs need both. Prices are always the catalog's current ones.
mutation Cart($input: CreateCartInput!) {
  createCart(input: $input) {
    cartToken
    cart {
      id
      lines {
        title
        variantTitle
        quantity
        unitPrice { amount currencyCode }
      }
      subtotal { amount currencyCode }
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

const SHIPPING = `# 3. Where it ships (put the cart's id and token in Variables): tax follows the address, and
#    shipping offers its rates for it. Keep the id of the rate to choose for Checkout.
mutation Shipping($input: SetCartAddressesInput!) {
  setCartAddresses(input: $input) {
    cart {
      availableShippingRates {
        id
        title
        price { amount currencyCode }
      }
      taxLines {
        title
        amount { amount currencyCode }
      }
      total { amount currencyCode }
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

const CHECK_OUT = `# 4. Check out (cart id, token and rate id in Variables), one step after the other: the rate, the
#    review (final totals, lines checked against stock and prices) and completeCheckout, which makes the
#    order. Stock is reserved for 15 minutes. The same idempotencyKey returns the same order.
mutation Checkout($cartId: ID!, $cartToken: String, $rateId: ID!, $idempotencyKey: String!) {
  selectCartShippingRate(input: { cartId: $cartId, cartToken: $cartToken, rateId: $rateId }) {
    userErrors {
      code
      message
    }
  }
  reviewCheckout(input: { cartId: $cartId, cartToken: $cartToken }) {
    readyToComplete
    cart {
      subtotal { amount currencyCode }
      discountTotal { amount currencyCode }
      shippingTotal { amount currencyCode }
      taxTotal { amount currencyCode }
      total { amount currencyCode }
    }
    userErrors {
      code
      message
    }
  }
  completeCheckout(input: { cartId: $cartId, cartToken: $cartToken, idempotencyKey: $idempotencyKey }) {
    orderId
    order {
      orderNumber
      status
      reservationStatus
      total { amount currencyCode }
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

const LIVE_ORDER_STATUS = `# 5. Follow the order live: put its id (from Checkout) in Variables and run this before paying.
#    Each push carries fields from orders, catalog and inventory.
subscription LiveOrderStatus($orderId: ID!) {
  orderStatusChanged(orderId: $orderId) {
    status
    statusHistory {
      status
      at
    }
    lineItems {
      quantity
      product {
        title
        stock
      }
    }
  }
}
`;

const PAY = `# 6. Pay the order (its id from Checkout in Variables); LiveOrderStatus shows it move.
#    4242424242424242 succeeds, 4000000000000002 is declined (pay again with a good card and a new
#    idempotencyKey), 4000000000009995 fails for insufficient funds.
mutation Pay($input: ProcessPaymentInput!) {
  processPayment(input: $input) {
    payment {
      status
      amount {
        amount
        currencyCode
      }
      transactions {
        type
        status
      }
    }
    userErrors {
      code
      message
    }
  }
}
`;

/** A Californian shopper: the demo store ships there and taxes it (its CA rule). */
const EXPLORER_ADDRESS = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  line1: '742 Market Street',
  city: 'San Francisco',
  provinceCode: 'CA',
  postalCode: '94103',
  countryCode: 'US',
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The Browse tab's introduction: what names the store, or how to get one. */
function browseIntroduction(storeId: string | null, storeSlug: string | null): string {
  if (storeId) {
    return [
      `# 1. Browse ${storeSlug ? `the store "${storeSlug}"` : 'the store'}, named by X-Store-Id in Headers below: run it as it is.`,
      '#    The tabs above walk through a guest’s cart to a paid order. To act as someone, add "Authorization": "Bearer <token>"',
      '#    to Headers (npm run --silent token -- --role CUSTOMER, or --role MERCHANT --store <store id>).',
    ].join('\n');
  }
  return [
    `# 1. No store is named yet${storeSlug ? ` ("${storeSlug}" does not exist: run \`npm run seed\` and reload)` : ''}.`,
    '#    Put {"X-Store-Id": "<store id>"} in Headers below, or a token issued for a store',
    '#    ({"Authorization": "Bearer <token>"}, npm run --silent token -- --role MERCHANT --store <store id>).',
  ].join('\n');
}

/**
 * The explorer's tabs: Browse runs as it is in the explorer's store; Cart, Shipping, Checkout,
 * LiveOrderStatus and Pay walk through a guest's cart to a paid order (README "The explorer"), each
 * taking what the one before answered. Each tab names the store in its headers; idempotency keys are new
 * on every page, so a first run always places a new order.
 */
export function explorerTabs(store: ExplorerStore): { tabs: ExplorerTab[]; headers: string } {
  const headers = store.storeId ? json({ 'X-Store-Id': store.storeId }) : '';
  const key = randomUUID().slice(0, 8);
  const cart = { input: { lines: [{ variantId: store.variantId ?? VARIANT_PLACEHOLDER, quantity: 1 }], email: 'ada@example.com' } };
  const target = { cartId: CART_PLACEHOLDER, cartToken: TOKEN_PLACEHOLDER };
  const shipping = { input: { ...target, shippingAddress: EXPLORER_ADDRESS } };
  const checkOut = { ...target, rateId: RATE_PLACEHOLDER, idempotencyKey: `explorer-checkout-${key}` };
  const pay = { input: { orderId: ORDER_PLACEHOLDER, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: `explorer-pay-${key}` } };
  return {
    headers,
    tabs: [
      { query: `${browseIntroduction(store.storeId, store.slug)}\n${BROWSE}`, headers },
      { query: CART, variables: json(cart), headers },
      { query: SHIPPING, variables: json(shipping), headers },
      { query: CHECK_OUT, variables: json(checkOut), headers },
      { query: LIVE_ORDER_STATUS, variables: json({ orderId: ORDER_PLACEHOLDER }), headers },
      { query: PAY, variables: json(pay), headers },
    ],
  };
}
