import { envReader, type Env } from '@ultramarket/kit';

/** What one cart may hold and how long an idle cart lives: read once, validated at start. */
export interface CartConfig {
  /** Distinct variants a cart may hold (CART_MAX_LINES, default 100). */
  maxLines: number;
  /** Units of one variant a cart may hold (CART_MAX_LINE_QUANTITY, default 100). */
  maxLineQuantity: number;
  /** How long a guest cart lives after its last change (CART_GUEST_IDLE_SECONDS, default 7 days). */
  guestIdleMs: number;
  /** How long a signed-in customer's cart lives after its last change (CART_CUSTOMER_IDLE_SECONDS, default 30 days). */
  customerIdleMs: number;
  /** How often the expiry sweep deletes expired carts (CART_EXPIRY_SWEEP_SECONDS, default 300). */
  sweepIntervalMs: number;
  /** How long completeCheckout and placeOrder wait for orders' reply before answering with the order id only (CART_CHECKOUT_REPLY_TIMEOUT_MS, default 10000). */
  checkoutReplyTimeoutMs: number;
}

const DAY_SECONDS = 24 * 60 * 60;

export function loadCartConfig(env: Env = process.env): CartConfig {
  const read = envReader(env);
  return {
    maxLines: read.int('CART_MAX_LINES', 100, { min: 1, max: 500 }),
    maxLineQuantity: read.int('CART_MAX_LINE_QUANTITY', 100, { min: 1, max: 10_000 }),
    guestIdleMs: read.int('CART_GUEST_IDLE_SECONDS', 7 * DAY_SECONDS, { min: 60, max: 365 * DAY_SECONDS }) * 1000,
    customerIdleMs: read.int('CART_CUSTOMER_IDLE_SECONDS', 30 * DAY_SECONDS, { min: 60, max: 365 * DAY_SECONDS }) * 1000,
    sweepIntervalMs: read.int('CART_EXPIRY_SWEEP_SECONDS', 300, { min: 1, max: DAY_SECONDS }) * 1000,
    checkoutReplyTimeoutMs: read.int('CART_CHECKOUT_REPLY_TIMEOUT_MS', 10_000, { min: 0, max: 60_000 }),
  };
}

/** The configuration of this process, from its environment. */
export const cartConfig: CartConfig = loadCartConfig();
