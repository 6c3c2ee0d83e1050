export const CART_ABANDONED = 'cart.abandoned';

/** One line of an abandoned cart as its email lists it. */
export interface AbandonedCartLine {
  title: string;
  variantTitle: string;
  quantity: number;
}

/**
 * `cart.abandoned` (schema/events.md): published once in a cart's life. `recoveryUrl` carries a live recovery
 * token (single-use, CART_RECOVERY_TTL_HOURS) because notifications must put it in the email: the CART stream holds it.
 */
export interface CartAbandonedData {
  cartId: string;
  email: string;
  /** The customer's user id; null for a guest cart. */
  customerId: string | null;
  currencyCode: string;
  /** Units of the available lines. */
  itemCount: number;
  /** The available lines at current prices, before discounts. */
  subtotal: { amount: number; currencyCode: string };
  lines: AbandonedCartLine[];
  recoveryUrl: string;
  /** When the recovery link stops working (ISO 8601, UTC). */
  recoveryExpiresAt: string;
}
