import { In } from 'typeorm';
import type { SubgraphContext } from '@ultramarket/kit';
import { Refund } from './refund.entity';
import { RefundLine } from './refund-line.entity';
import { RefundStatus } from './refund-status';

/** Refunds of many orders in one statement per request, oldest first. */
export function loadRefunds(context: SubgraphContext, orderId: string): Promise<Refund[]> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, Refund[]>('refundsByOrder', async (orderIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(Refund).find({ where: { orderId: In([...orderIds]), ...store }, order: { createdAt: 'ASC', id: 'ASC' } }),
      );
      return orderIds.map((id) => rows.filter((row) => row.orderId === id));
    })
    .load(orderId);
}

/** Lines of many refunds in one statement per request. */
export function loadRefundLines(context: SubgraphContext, refundId: string): Promise<RefundLine[]> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, RefundLine[]>('refundLinesByRefund', async (refundIds) => {
      const rows = await context.storeDb.read((manager) => manager.getRepository(RefundLine).findBy({ refundId: In([...refundIds]), ...store }));
      return refundIds.map((id) => rows.filter((row) => row.refundId === id));
    })
    .load(refundId);
}

/** Units refunded (or being refunded) of many order lines in one statement per request; FAILED refunds give nothing back. */
export function loadRefundedQuantity(context: SubgraphContext, lineItemId: string): Promise<number> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, number>('refundedQuantityByLine', async (lineIds) => {
      const rows: { line_item_id: string; quantity: string }[] = await context.storeDb.read((manager) =>
        manager.query(
          `SELECT l.line_item_id, sum(l.quantity) AS quantity FROM order_refund_line l JOIN order_refund r ON r.id = l.refund_id
            WHERE l.line_item_id = ANY($1) AND r.status <> $2 ${store.storeId ? 'AND r.store_id = $3' : ''} GROUP BY l.line_item_id`,
          store.storeId ? [[...lineIds], RefundStatus.FAILED, store.storeId] : [[...lineIds], RefundStatus.FAILED],
        ),
      );
      const byLine = new Map(rows.map((row) => [row.line_item_id, Number(row.quantity)]));
      return lineIds.map((id) => byLine.get(id) ?? 0);
    })
    .load(lineItemId);
}
