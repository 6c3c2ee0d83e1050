import { randomUUID } from 'node:crypto';
import type { ExplorerStore } from './explorer-store';

/** One of GraphiQL's initial tabs (`defaultTabs`): its editors' texts. */
export interface ExplorerTab {
  query: string;
  variables?: string;
  headers?: string;
}

const PRODUCT_PLACEHOLDER = '<a product id from Browse>';
const ORDER_PLACEHOLDER = '<the order id from CheckOut>';

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
      inStock
    }
  }
}
`;

const CHECK_OUT = `# 2. Check out as a guest of the store in Headers (the product in Variables is one of Browse's).
#    Stock is reserved for 15 minutes. The same idempotencyKey returns the same order: change it for another.
mutation CheckOut($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    order {
      id
      orderNumber
      status
      reservationStatus
      total {
        amount
        currencyCode
      }
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

const LIVE_ORDER_STATUS = `# 3. Follow the order live: put its id (from CheckOut) in Variables and run this before paying.
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

const PAY = `# 4. Pay the order (its id from CheckOut in Variables); LiveOrderStatus shows it move.
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

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The Browse tab's introduction: what names the store, or how to get one. */
function browseIntroduction(storeId: string | null, storeSlug: string | null): string {
  if (storeId) {
    return [
      `# 1. Browse ${storeSlug ? `the store "${storeSlug}"` : 'the store'}, named by X-Store-Id in Headers below: run it as it is.`,
      '#    The tabs above walk through a guest checkout. To act as someone, add "Authorization": "Bearer <token>"',
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
 * The explorer's tabs: Browse runs as it is in the explorer's store; CheckOut, LiveOrderStatus and Pay
 * walk through a guest order (README "A walk-through in the explorer"). Each tab names the store in
 * its headers; idempotency keys are new on every page, so a first run always places a new order.
 */
export function explorerTabs(store: ExplorerStore): { tabs: ExplorerTab[]; headers: string } {
  const headers = store.storeId ? json({ 'X-Store-Id': store.storeId }) : '';
  const key = randomUUID().slice(0, 8);
  const checkOut = {
    input: {
      items: [{ productId: store.productId ?? PRODUCT_PLACEHOLDER, quantity: 1 }],
      email: 'ada@example.com',
      shippingAddress: { name: 'Ada Lovelace', line1: '12 Analytical Way', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' },
      idempotencyKey: `explorer-checkout-${key}`,
    },
  };
  const pay = { input: { orderId: ORDER_PLACEHOLDER, paymentMethod: { cardNumber: '4242424242424242' }, idempotencyKey: `explorer-pay-${key}` } };
  return {
    headers,
    tabs: [
      { query: `${browseIntroduction(store.storeId, store.slug)}\n${BROWSE}`, headers },
      { query: CHECK_OUT, variables: json(checkOut), headers },
      { query: LIVE_ORDER_STATUS, variables: json({ orderId: ORDER_PLACEHOLDER }), headers },
      { query: PAY, variables: json(pay), headers },
    ],
  };
}
