import { envReader, type Env } from '@ultramarket/kit';

/** What orders lets one shopper hold open: read once, validated at start. Prices, tax and shipping are cart's (its pricing engine). */
export interface OrdersConfig {
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
    maxOpenGuestOrders: read.int('ORDERS_MAX_OPEN_GUEST_ORDERS', 10, { min: 1 }),
    maxOpenCustomerOrders: read.int('ORDERS_MAX_OPEN_CUSTOMER_ORDERS', 20, { min: 1 }),
  };
}

/** The configuration of this process, from its environment. */
export const ordersConfig: OrdersConfig = loadOrdersConfig();
