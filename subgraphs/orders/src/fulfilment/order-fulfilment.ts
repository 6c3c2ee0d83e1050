import type { Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { OrderLineItem } from '../order/order-line-item.entity';
import { FulfillmentStatus } from '../order/order-status';

/** An order's lines, locked with it (the order's lock is taken first, so this never waits on another order). */
export function lockLines(tx: Tx, order: Order): Promise<OrderLineItem[]> {
  return tx.manager
    .getRepository(OrderLineItem)
    .find({ where: { orderId: order.id, storeId: order.storeId }, order: { position: 'ASC' }, lock: { mode: 'pessimistic_write' } });
}

/** Units of a line neither shipped nor cancelled. */
export const openQuantity = (line: OrderLineItem): number => line.quantity - line.fulfilledQuantity - line.cancelledQuantity;

/** Writes back a line's fulfilled and cancelled units. */
export async function saveLineFulfilment(tx: Tx, line: OrderLineItem): Promise<void> {
  await tx.manager.query(`UPDATE order_line_item SET fulfilled_quantity = $2, cancelled_quantity = $3 WHERE id = $1`, [
    line.id,
    line.fulfilledQuantity,
    line.cancelledQuantity,
  ]);
}

/** How much of the order is fulfilled, from its lines (delivery is decided elsewhere: see deliverWhenAllArrived). */
export function fulfilmentOf(lines: readonly OrderLineItem[]): FulfillmentStatus {
  const shipped = lines.some((line) => line.fulfilledQuantity > 0);
  if (lines.every((line) => openQuantity(line) === 0)) return shipped ? FulfillmentStatus.FULFILLED : FulfillmentStatus.UNFULFILLED;
  return shipped ? FulfillmentStatus.PARTIALLY_FULFILLED : FulfillmentStatus.UNFULFILLED;
}

/** How many shipments and remainder cancellations the order settled before, and what they were worth. */
export async function settledSoFar(tx: Tx, order: Order): Promise<{ count: number; amount: number }> {
  const [row]: { count: number; amount: string | null }[] = await tx.manager.query(
    `SELECT count(*)::int AS count, sum(value_amount)::text AS amount FROM order_fulfilment WHERE order_id = $1 AND refused_reason IS NULL`,
    [order.id],
  );
  const remainder = order.cancelledRemainderAmount;
  return { count: row.count + (remainder === null ? 0 : 1), amount: Number(row.amount ?? 0) + (remainder ?? 0) };
}
