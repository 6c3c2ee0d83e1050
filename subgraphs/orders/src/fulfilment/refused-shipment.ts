import type { Logger, Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';

/**
 * Records a shipment orders will not apply (shipping's copy of the order was behind orders: more units than are
 * left, or an order no longer open), so a redelivery finds it handled; nothing else changes. No dead letter: the
 * event was valid, the order had moved on. Operators see the error in the log and the row in `order_fulfilment`
 * (`refused_reason`); the parcel itself is the staff's to recall.
 */
export async function refuseShipment(tx: Tx, order: Order, shipmentId: string, lines: unknown, reason: string, logger: Logger): Promise<void> {
  await tx.manager.query(
    `INSERT INTO order_fulfilment (shipment_id, order_id, store_id, lines, value_amount, refused_reason) VALUES ($1, $2, $3, $4::jsonb, 0, $5)`,
    [shipmentId, order.id, order.storeId, JSON.stringify(Array.isArray(lines) ? lines : []), reason],
  );
  logger.error({ orderId: order.id, shipmentId, reason }, 'orders: a shipment that does not fit its order was not recorded');
}
