import { envReader, type Env } from '@ultramarket/kit';

/** How orders prices what it sells on top of the products: read once, validated at start. */
export interface OrdersConfig {
  /** Flat shipping per order in minor units (ORDERS_FLAT_SHIPPING_AMOUNT, default 0). */
  flatShippingAmount: number;
  /** Tax rate in basis points of the subtotal (ORDERS_TAX_RATE_BPS, default 0; 825 = 8.25%). */
  taxRateBasisPoints: number;
}

export function loadOrdersConfig(env: Env = process.env): OrdersConfig {
  const read = envReader(env);
  return {
    flatShippingAmount: read.int('ORDERS_FLAT_SHIPPING_AMOUNT', 0, { min: 0 }),
    taxRateBasisPoints: read.int('ORDERS_TAX_RATE_BPS', 0, { min: 0, max: 10_000 }),
  };
}
