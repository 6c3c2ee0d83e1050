import type { CartConfig } from '../cart-config';

/** When a cart changed now expires: a guest's and a customer's carts idle for different times. */
export function expiresAtFor(userId: string | null, config: CartConfig, now = new Date()): Date {
  return new Date(now.getTime() + (userId === null ? config.guestIdleMs : config.customerIdleMs));
}
