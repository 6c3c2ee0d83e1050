import type { EntityManager } from 'typeorm';
import { returnedRows, type AppliedPromotion } from '@ultramarket/kit';
import type { Cart } from '../cart/cart.entity';

/**
 * Locks, in id order, the rows of the promotions with a usage limit that could apply to the cart (the store's
 * automatic ones and its codes'): checkouts that may use the same limited promotion take turns, so the uses
 * left read after this are the uses left when they are counted. Unlimited promotions are not locked.
 */
export async function lockLimitedPromotions(manager: EntityManager, cart: Cart): Promise<void> {
  await manager.query(
    `SELECT id FROM promotion
      WHERE store_id = $1 AND active AND (usage_limit IS NOT NULL OR usage_limit_per_customer IS NOT NULL)
        AND (code IS NULL OR code IN (SELECT code FROM cart_discount_code WHERE cart_id = $2 AND store_id = $1))
      ORDER BY id FOR UPDATE`,
    [cart.storeId, cart.id],
  );
}

/**
 * Counts one use of each applied promotion for the order: `times_used + 1` (only while uses are left), the
 * customer's own count, and a `promotion_order_usage` row so the use is given back once. Answers the first
 * promotion that had no use left (the caller rolls back), or null when all were counted.
 */
export async function countPromotionUsage(
  manager: EntityManager,
  cart: Cart,
  applied: AppliedPromotion[],
  customerId: string | null,
  orderId: string,
): Promise<AppliedPromotion | null> {
  for (const promotion of applied) {
    const counted = await returnedRows<{ id: string }>(
      manager,
      `UPDATE promotion SET times_used = times_used + 1
        WHERE id = $1 AND store_id = $2 AND (usage_limit IS NULL OR times_used < usage_limit)
          AND ($3::uuid IS NULL OR usage_limit_per_customer IS NULL OR usage_limit_per_customer > COALESCE(
                (SELECT times_used FROM promotion_customer_usage WHERE promotion_id = $1 AND customer_id = $3), 0))
       RETURNING id`,
      [promotion.promotionId, cart.storeId, customerId],
    );
    if (counted.length === 0) return promotion;
    if (customerId) {
      await manager.query(
        `INSERT INTO promotion_customer_usage (promotion_id, store_id, customer_id, times_used) VALUES ($1, $2, $3, 1)
         ON CONFLICT (promotion_id, customer_id) DO UPDATE SET times_used = promotion_customer_usage.times_used + 1`,
        [promotion.promotionId, cart.storeId, customerId],
      );
    }
    await manager.query(`INSERT INTO promotion_order_usage (order_id, promotion_id, store_id, customer_id) VALUES ($1, $2, $3, $4)`, [
      orderId,
      promotion.promotionId,
      cart.storeId,
      customerId,
    ]);
  }
  return null;
}

/**
 * Gives back the uses an order counted, once: its `promotion_order_usage` rows not given back yet are marked, and
 * each promotion's `times_used` and its customer's count lowered by one. Answers how many were given back
 * (0 for an order that used none, or whose uses were given back already).
 */
export async function giveBackPromotionUsage(manager: EntityManager, storeId: string, orderId: string): Promise<number> {
  const rows = await returnedRows<{ promotion_id: string; customer_id: string | null }>(
    manager,
    `UPDATE promotion_order_usage SET given_back_at = now()
      WHERE order_id = $1 AND store_id = $2 AND given_back_at IS NULL
      RETURNING promotion_id, customer_id`,
    [orderId, storeId],
  );
  for (const row of rows) {
    await manager.query(`UPDATE promotion SET times_used = GREATEST(times_used - 1, 0) WHERE id = $1 AND store_id = $2`, [row.promotion_id, storeId]);
    if (row.customer_id) {
      await manager.query(
        `UPDATE promotion_customer_usage SET times_used = GREATEST(times_used - 1, 0) WHERE promotion_id = $1 AND customer_id = $2 AND store_id = $3`,
        [row.promotion_id, row.customer_id, storeId],
      );
    }
  }
  return rows.length;
}
