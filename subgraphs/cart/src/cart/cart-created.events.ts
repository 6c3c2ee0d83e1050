import type { Tx } from '@ultramarket/kit';
import type { Cart } from './cart.entity';

export const CART_CREATED = 'cart.created';

/**
 * `cart.created` (schema/events.md): a new cart row, published in the transaction that writes it (a signed-in
 * customer's lines added to the open cart they already have publish nothing). Analytics counts it for cart-to-order conversion.
 */
export interface CartCreatedData {
  cartId: string;
  /** The customer's user id; null for a guest cart. */
  customerId: string | null;
  currencyCode: string | null;
  /** true for the cart `placeOrder` makes and checks out at once (buy now); false for `createCart`. */
  buyNow: boolean;
}

/** Emits `cart.created` for a cart just inserted. */
export async function emitCartCreated(tx: Tx, cart: Cart, buyNow: boolean): Promise<void> {
  const data: CartCreatedData = { cartId: cart.id, customerId: cart.userId ?? null, currencyCode: cart.currencyCode ?? null, buyNow };
  await tx.emit({ type: CART_CREATED, storeId: cart.storeId, aggregateId: cart.id, aggregateVersion: cart.version, data });
}
