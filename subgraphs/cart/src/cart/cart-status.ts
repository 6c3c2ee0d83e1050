/** Where a cart is in its life: OPEN (served and changed) or MERGED into a customer's cart (kept only until the sweep). */
export enum CartStatus {
  OPEN = 'OPEN',
  MERGED = 'MERGED',
}
