import type { EntityManager } from 'typeorm';
import type { Promotion as EnginePromotion } from '@ultramarket/kit';
import type { Cart } from '../cart/cart.entity';
import { Promotion } from '../promotion/promotion.entity';
import { enginePromotionOf, hasUsesLeft } from '../promotion/promotion-rules';

/** What a cart's pricing takes of promotions: the usable ones (automatic and its codes') and the codes entered. */
export interface CartPromotions {
  promotions: EnginePromotion[];
  codes: string[];
}

/**
 * The promotions of a batch of carts, read fresh each time (nothing cached: a deactivated or changed
 * promotion shows at the cart's next read): the stores' active automatic promotions and the active
 * promotions of the codes the carts hold, each passed to a cart only while it has uses left (in total,
 * and for the cart's customer). Three statements per batch.
 */
export async function readCartPromotions(manager: EntityManager, carts: Cart[]): Promise<Map<string, CartPromotions>> {
  const cartIds = carts.map((cart) => cart.id);
  const codeRows: { cart_id: string; code: string }[] = await manager.query(
    `SELECT cart_id, code FROM cart_discount_code WHERE cart_id = ANY($1::uuid[]) ORDER BY created_at, code`,
    [cartIds],
  );
  const storeIds = [...new Set(carts.map((cart) => cart.storeId))];
  const promotions = await manager
    .getRepository(Promotion)
    .createQueryBuilder('p')
    .where('p.store_id = ANY(:storeIds) AND p.active', { storeIds })
    .andWhere('(p.code IS NULL OR p.code = ANY(:codes))', { codes: [...new Set(codeRows.map((row) => row.code))] })
    .getMany();
  const customerIds = [...new Set(carts.flatMap((cart) => (cart.userId ? [cart.userId] : [])))];
  const limited = promotions.filter((promotion) => promotion.usageLimitPerCustomer !== null).map((promotion) => promotion.id);
  const usageRows: { promotion_id: string; customer_id: string; times_used: number }[] =
    customerIds.length > 0 && limited.length > 0
      ? await manager.query(
          `SELECT promotion_id, customer_id, times_used FROM promotion_customer_usage WHERE promotion_id = ANY($1::uuid[]) AND customer_id = ANY($2::uuid[])`,
          [limited, customerIds],
        )
      : [];
  const usage = new Map(usageRows.map((row) => [`${row.promotion_id}/${row.customer_id}`, row.times_used]));
  return new Map(
    carts.map((cart) => {
      const codes = codeRows.filter((row) => row.cart_id === cart.id).map((row) => row.code);
      const usable = promotions.filter(
        (promotion) =>
          promotion.storeId === cart.storeId &&
          (promotion.code === null || codes.includes(promotion.code)) &&
          hasUsesLeft(promotion, cart.userId ? (usage.get(`${promotion.id}/${cart.userId}`) ?? 0) : 0),
      );
      return [cart.id, { promotions: usable.map(enginePromotionOf), codes }];
    }),
  );
}
