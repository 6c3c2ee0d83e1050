import type { Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import type { OrderLineItem } from '../order/order-line-item.entity';
import { refundedSoFar } from '../refund/refund-ledger';

/** What one order line may still be returned of: units delivered, when the last of them arrived, units already taken. */
export interface ReturnableLine {
  delivered: number;
  lastDeliveredAt: Date | null;
  /** Units refunded or being refunded, in open returns (whose refund is not asked for or FAILED), or received and closed. */
  taken: number;
}

/**
 * Per order line, read under the order's lock: units in the order's delivered shipments (`order_fulfilment` with
 * `delivered_at`), and units already given back or on their way back, so two returns at once never take the same
 * unit. A return whose refund is PENDING or SUCCEEDED counts through the refund ledger, not twice.
 */
export async function returnableUnits(tx: Tx, order: Order, lines: OrderLineItem[]): Promise<Map<string, ReturnableLine>> {
  const byLine = new Map(lines.map((line) => [line.id, { delivered: 0, lastDeliveredAt: null as Date | null, taken: 0 }]));
  const shipments: { lines: { variantId: string; quantity: number }[]; delivered_at: Date }[] = await tx.manager.query(
    `SELECT lines, delivered_at FROM order_fulfilment WHERE order_id = $1 AND store_id = $2 AND delivered_at IS NOT NULL AND refused_reason IS NULL`,
    [order.id, order.storeId],
  );
  for (const shipment of shipments) {
    for (const shipped of shipment.lines) {
      // a shipment names variants; recordShipment matched each to the order's first line of that variant
      const line = lines.find((candidate) => candidate.variantId === shipped.variantId);
      const entry = line && byLine.get(line.id);
      if (!entry) continue;
      entry.delivered += shipped.quantity;
      const at = new Date(shipment.delivered_at);
      if (!entry.lastDeliveredAt || at > entry.lastDeliveredAt) entry.lastDeliveredAt = at;
    }
  }
  const refunded = await refundedSoFar(tx, order.id, order.storeId);
  const returning: { line_item_id: string; quantity: string }[] = await tx.manager.query(
    `SELECT l.line_item_id, sum(l.quantity) AS quantity FROM order_return_line l JOIN order_return r ON r.id = l.return_id
       LEFT JOIN order_refund f ON f.id = r.refund_id
      WHERE r.order_id = $1 AND r.store_id = $2
        AND ((r.status IN ('REQUESTED', 'APPROVED', 'RECEIVED') AND (r.refund_id IS NULL OR f.status = 'FAILED'))
          OR (r.status = 'CLOSED' AND r.received_at IS NOT NULL))
      GROUP BY l.line_item_id`,
    [order.id, order.storeId],
  );
  const inReturns = new Map(returning.map((row) => [row.line_item_id, Number(row.quantity)]));
  for (const [lineId, entry] of byLine) entry.taken = (refunded.quantityByLine.get(lineId) ?? 0) + (inReturns.get(lineId) ?? 0);
  return byLine;
}
