import type { Tx } from '@ultramarket/kit';
import type { RefundedSoFar } from './refund-amounts';
import { RefundStatus } from './refund-status';

/**
 * What the order's refunds already give back or are giving back (PENDING and SUCCEEDED; a FAILED refund
 * gives nothing until it is retried). Read under the order lock, so two refunds at once see each other.
 */
export async function refundedSoFar(tx: Tx, orderId: string, storeId: string): Promise<RefundedSoFar> {
  const counted = [RefundStatus.PENDING, RefundStatus.SUCCEEDED];
  const [totals]: { amount: string | null; shipping: string | null }[] = await tx.manager.query(
    `SELECT sum(amount) AS amount, sum(shipping_amount) AS shipping FROM order_refund WHERE order_id = $1 AND store_id = $2 AND status = ANY($3)`,
    [orderId, storeId, counted],
  );
  const lines: { line_item_id: string; quantity: string }[] = await tx.manager.query(
    `SELECT l.line_item_id, sum(l.quantity) AS quantity FROM order_refund_line l JOIN order_refund r ON r.id = l.refund_id
      WHERE r.order_id = $1 AND r.store_id = $2 AND r.status = ANY($3) GROUP BY l.line_item_id`,
    [orderId, storeId, counted],
  );
  return {
    amount: Number(totals?.amount ?? 0),
    shippingAmount: Number(totals?.shipping ?? 0),
    quantityByLine: new Map(lines.map((row) => [row.line_item_id, Number(row.quantity)])),
  };
}
