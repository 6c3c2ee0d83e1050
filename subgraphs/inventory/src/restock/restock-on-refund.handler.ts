import { PermanentEventError, type EventHandler } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { ensureItem } from '../stock/item-ref';
import { putBackOnHand } from '../stock/put-back-on-hand';
import { inLockOrder } from '../reservation/reservation-stock';
import { restockLocationOf } from './restock-location';

interface RefundLineData {
  refundLineId: string;
  productId: string | null;
  variantId: string | null;
  quantity: number;
  restock: boolean;
  locationId: string | null;
}

interface RefundRequested {
  orderId: string;
  refundId: string;
  lines: RefundLineData[];
}

/**
 * orders.refund-requested → refunded units marked `restock` go back on hand at the chosen location (or
 * where the order's stock came from), exactly once per refund line (refund_restock), each item's change
 * published as inventory.stock-changed. Units are restocked when staff record the refund, whatever the
 * provider later says of the money: the goods are back either way.
 */
export function restockOnRefund(lowStockThreshold: () => number): EventHandler<RefundRequested> {
  return {
    name: 'inventory-restock-refund',
    eventType: 'orders.refund-requested',
    async handle(event, tx, logger) {
      const storeId = storeOfEvent(event);
      const { orderId, refundId, lines } = event.data;
      if (!orderId || !refundId || !Array.isArray(lines)) throw new PermanentEventError(`orders.refund-requested ${event.id} lacks its order, refund or lines`);
      const toPlace: { refundLineId: string; productId: string; variantId: string; locationId: string; quantity: number }[] = [];
      for (const line of lines) {
        if (!line.restock || !line.variantId || !line.productId || !(line.quantity > 0)) continue;
        const locationId = await restockLocationOf(tx.manager, storeId, orderId, line.variantId, line.locationId);
        if (!locationId) {
          logger.info({ orderId, variantId: line.variantId }, 'no stock was ever held for this refunded variant: nothing to restock');
          continue;
        }
        if (line.locationId && line.locationId !== locationId)
          logger.warn({ orderId, locationId: line.locationId }, 'restock location unknown in the store; restocked where the stock came from');
        const fresh: unknown[] = await tx.manager.query(
          `INSERT INTO refund_restock (refund_line_id, store_id, order_id, refund_id, variant_id, location_id, quantity)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING refund_line_id`,
          [line.refundLineId, storeId, orderId, refundId, line.variantId, locationId, line.quantity],
        );
        if (fresh.length > 0)
          toPlace.push({ refundLineId: line.refundLineId, productId: line.productId, variantId: line.variantId, locationId, quantity: line.quantity });
      }
      // a location the variant was never stocked at gets its item first (in lock order, as the stock updates take them)
      for (const units of inLockOrder(toPlace)) await ensureItem(tx.manager, storeId, units, lowStockThreshold());
      await putBackOnHand(tx, storeId, toPlace, 'refund restock');
    },
  };
}
