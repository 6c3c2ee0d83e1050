import { managesStore, type Caller } from '@ultramarket/kit';
import type { Cart } from './cart.entity';
import { cartTokenMatches } from './cart-token';

/**
 * Who owns a cart: a guest cart's owner is whoever holds its token (signed in or not); a customer's cart is
 * its user's, in the cart's store. Only the owner changes a cart.
 */
export function ownsCart(caller: Caller, cart: Cart, token: string | null | undefined): boolean {
  if (caller.storeId !== cart.storeId) return false;
  if (cart.userId !== null) return caller.userId === cart.userId;
  return cartTokenMatches(token, cart.tokenHash);
}

/** The owner, and the store's staff and platform admins (support reads a store's carts; no one reads another store's). */
export function canReadCart(caller: Caller, cart: Cart, token: string | null | undefined): boolean {
  return managesStore(caller, cart.storeId) || ownsCart(caller, cart, token);
}
