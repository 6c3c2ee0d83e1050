import { PermanentEventError, isUuid, type EventHandler } from '@ultramarket/kit';
import { cartConfig } from '../cart-config';
import { Cart } from '../cart/cart.entity';
import { CartStatus } from '../cart/cart-status';
import { expiresAtOf } from '../cart/cart-writes';
import { OrderReplyEvents } from './checkout-completed';
import { giveBackPromotionUsage } from './promotion-usage';

/** The order an orders event is about: `data.orderId`, else its aggregate. */
function orderIdOf(event: { id: string; type: string; aggregateId: string; data: unknown }): string {
  const orderId = (event.data as { orderId?: unknown }).orderId ?? event.aggregateId;
  if (!isUuid(orderId)) throw new PermanentEventError(`${event.type} ${event.id} names no order`);
  return orderId;
}

/**
 * orders.checkout-refused: the order was never created. The promotions' uses it counted are given back (once),
 * and a checked-out cart is open again for its shopper (order id and key cleared, so a retry is a new checkout) —
 * unless its customer opened another cart meanwhile (one open cart each): then it stays closed. A buy-now cart
 * stays what it is, its key cleared. A redelivery finds nothing left to do.
 */
const checkoutRefused: EventHandler = {
  name: 'cart-checkout-refused',
  eventType: OrderReplyEvents.refused,
  async handle(event, tx, logger) {
    if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
    const orderId = orderIdOf(event);
    await giveBackPromotionUsage(tx.manager, event.storeId, orderId);
    const cart = await tx.manager
      .getRepository(Cart)
      .createQueryBuilder('cart')
      .setLock('pessimistic_write')
      .where('cart.order_id = :orderId AND cart.store_id = :storeId', { orderId, storeId: event.storeId })
      .getOne();
    if (!cart) return;
    if (cart.status === CartStatus.CHECKED_OUT) {
      const [{ other }]: { other: boolean }[] = await tx.manager.query(
        `SELECT EXISTS (SELECT 1 FROM cart WHERE store_id = $1 AND user_id = $2 AND status = 'OPEN') AS other`,
        [cart.storeId, cart.userId],
      );
      if (cart.userId !== null && other) {
        logger.info({ cartId: cart.id, orderId }, 'refused checkout: its customer has another open cart, this one stays closed');
      } else {
        await tx.manager.query(
          `UPDATE cart SET status = 'OPEN', order_id = NULL, idempotency_key = NULL, checked_out_by = NULL, checked_out_at = NULL,
                  expires_at = $3, version = version + 1, updated_at = now()
            WHERE id = $1 AND store_id = $2`,
          [cart.id, cart.storeId, expiresAtOf({ status: CartStatus.OPEN, userId: cart.userId }, cartConfig)],
        );
        return;
      }
    }
    await tx.manager.query(`UPDATE cart SET idempotency_key = NULL, version = version + 1, updated_at = now() WHERE id = $1 AND store_id = $2`, [
      cart.id,
      cart.storeId,
    ]);
  },
};

/** orders.cancelled: the promotions' uses the order counted are given back, once (a second cancellation event changes nothing). */
const orderCancelled: EventHandler = {
  name: 'cart-order-cancelled',
  eventType: OrderReplyEvents.cancelled,
  async handle(event, tx) {
    if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
    await giveBackPromotionUsage(tx.manager, event.storeId, orderIdOf(event));
  },
};

export const checkoutReplyHandlers: EventHandler[] = [checkoutRefused, orderCancelled];
