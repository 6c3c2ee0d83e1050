import type { Tx } from '@ultramarket/kit';
import { Order } from './order.entity';
import { OrderStatusChange } from './order-status-change.entity';
import { canTransition, OrderStatus } from './order-status';
import { cancelledData, OrderEvents, statusChangedData } from './order.events';
import type { OrderCancelReason } from './cancel-reason';

/** The change asked for is not allowed from the order's current status. */
export class InvalidTransition extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`An order that is ${from} cannot become ${to}`);
  }
}

/**
 * The order, locked for the rest of the transaction: every change to an order goes through this lock.
 * `store` is the store the transaction works for (`{}` only in the platform scope).
 */
export function lockOrder(tx: Tx, orderId: string, store: { storeId?: string }): Promise<Order | null> {
  return tx.manager.getRepository(Order).findOne({ where: { id: orderId, ...store }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Moves a locked order to `to`: saves it (with whatever else the caller changed), appends the status
 * history, and publishes orders.status-changed (and orders.cancelled) through the outbox. `reasonCode`
 * (cancellations) is what the shopper is told; `reason` is words for the history and the staff; `paymentId`
 * names the payment a payment status is about.
 */
export async function transition(
  tx: Tx,
  order: Order,
  to: OrderStatus,
  reason: string | null = null,
  reasonCode: OrderCancelReason | null = null,
  paymentId: string | null = null,
): Promise<Order> {
  const from = order.status;
  if (!canTransition(from, to)) throw new InvalidTransition(from, to);
  order.status = to;
  if (to === OrderStatus.CANCELLED) Object.assign(order, { cancelReason: reason, cancelReasonCode: reasonCode });
  const saved = await tx.manager.getRepository(Order).save(order);
  await tx.manager.getRepository(OrderStatusChange).insert({ orderId: order.id, storeId: order.storeId, status: to, message: reason, paymentId });
  await tx.emit({
    type: OrderEvents.statusChanged,
    storeId: order.storeId,
    aggregateId: order.id,
    aggregateVersion: saved.version,
    data: statusChangedData(saved, from, reason, reasonCode),
  });
  if (to === OrderStatus.CANCELLED) {
    await tx.emit({
      type: OrderEvents.cancelled,
      storeId: order.storeId,
      aggregateId: order.id,
      aggregateVersion: saved.version,
      data: cancelledData(saved, reason, reasonCode),
    });
  }
  return saved;
}
