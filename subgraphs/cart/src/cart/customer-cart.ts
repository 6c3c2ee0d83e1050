import type { EntityManager } from 'typeorm';
import { Cart } from './cart.entity';
import { CartStatus } from './cart-status';

/**
 * The customer's open cart in the store, locked, after a lock on (store, customer) that every creation or
 * merge of their cart takes first: two at once cannot both find "none" and make two open carts. An open
 * cart that has expired is deleted here (the sweep would have), so it makes room for the new one.
 */
export async function lockCustomerCart(manager: EntityManager, storeId: string, userId: string): Promise<Cart | null> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`cart:${storeId}:${userId}`]);
  const cart = await manager
    .getRepository(Cart)
    .createQueryBuilder('cart')
    .setLock('pessimistic_write')
    .where('cart.store_id = :storeId AND cart.user_id = :userId AND cart.status = :status', { storeId, userId, status: CartStatus.OPEN })
    .getOne();
  if (cart && cart.expiresAt.getTime() <= Date.now()) {
    await manager.query(`DELETE FROM cart WHERE id = $1 AND store_id = $2`, [cart.id, storeId]);
    return null;
  }
  return cart;
}
