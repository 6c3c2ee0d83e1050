import { envReader, MAX_MONEY_INPUT_AMOUNT, type Env } from '@ultramarket/kit';

/** How orders prices what it sells and what it lets one shopper hold open: read once, validated at start. */
export interface OrdersConfig {
  /** Flat shipping per order in minor units (ORDERS_FLAT_SHIPPING_AMOUNT, default 0, at most MAX_MONEY_INPUT_AMOUNT). */
  flatShippingAmount: number;
  /** Tax rate in basis points of the subtotal (ORDERS_TAX_RATE_BPS, default 0; 825 = 8.25%). */
  taxRateBasisPoints: number;
  /** Units of one product an order may hold, whichever store (ORDERS_MAX_LINE_QUANTITY, default 100). */
  maxLineQuantity: number;
  /**
   * Open unpaid orders (CREATED, PAYMENT_PENDING, PAYMENT_FAILED) an anonymous shopper may have in a
   * store, counted per client address (ORDERS_MAX_OPEN_GUEST_ORDERS, default 10): each holds stock.
   */
  maxOpenGuestOrders: number;
  /** The same for a signed-in shopper, counted per user (ORDERS_MAX_OPEN_CUSTOMER_ORDERS, default 20). Staff are not capped. */
  maxOpenCustomerOrders: number;
}

export function loadOrdersConfig(env: Env = process.env): OrdersConfig {
  const read = envReader(env);
  return {
    flatShippingAmount: read.int('ORDERS_FLAT_SHIPPING_AMOUNT', 0, { min: 0, max: MAX_MONEY_INPUT_AMOUNT }),
    taxRateBasisPoints: read.int('ORDERS_TAX_RATE_BPS', 0, { min: 0, max: 10_000 }),
    maxLineQuantity: read.int('ORDERS_MAX_LINE_QUANTITY', 100, { min: 1, max: 1000 }),
    maxOpenGuestOrders: read.int('ORDERS_MAX_OPEN_GUEST_ORDERS', 10, { min: 1 }),
    maxOpenCustomerOrders: read.int('ORDERS_MAX_OPEN_CUSTOMER_ORDERS', 20, { min: 1 }),
  };
}

/** The configuration of this process, from its environment (the inputs' bounds are fixed when the schema is built). */
export const ordersConfig: OrdersConfig = loadOrdersConfig();
