/**
 * Where a cart is in its life: OPEN (served and changed), MERGED into a customer's cart (kept only until the
 * sweep), CHECKED_OUT (completeCheckout made it an order: no longer served or changed; reopened if orders
 * refuses the order), or BUY_NOW (placeOrder's one-off cart, never anyone's cart to read or change).
 */
export enum CartStatus {
  OPEN = 'OPEN',
  MERGED = 'MERGED',
  CHECKED_OUT = 'CHECKED_OUT',
  BUY_NOW = 'BUY_NOW',
}
