import type { EntityManager } from 'typeorm';
import type { Cart } from '../cart/cart.entity';

/**
 * The ids of the carts whose signed-in shopper is a tax-exempt customer of the cart's store, in one statement per
 * batch. Only the cart's account counts, never its email: anyone can type an exempt customer's email into a guest
 * cart, while the account was linked to the customer through the email its owner verified (customers' rule).
 */
export async function readTaxExemptCarts(manager: EntityManager, carts: readonly Cart[]): Promise<Set<string>> {
  const signedIn = carts.filter((cart) => cart.userId !== null);
  if (signedIn.length === 0) return new Set();
  const rows: { store_id: string; user_id: string }[] = await manager.query(
    `SELECT DISTINCT s.store_id, s.user_id
       FROM customer_tax_status s
       JOIN unnest($1::uuid[], $2::uuid[]) AS c (store_id, user_id) ON s.store_id = c.store_id AND s.user_id = c.user_id
      WHERE s.tax_exempt AND NOT s.deleted`,
    [signedIn.map((cart) => cart.storeId), signedIn.map((cart) => cart.userId)],
  );
  const exempt = new Set(rows.map((row) => `${row.store_id}:${row.user_id}`));
  return new Set(signedIn.filter((cart) => exempt.has(`${cart.storeId}:${cart.userId}`)).map((cart) => cart.id));
}
