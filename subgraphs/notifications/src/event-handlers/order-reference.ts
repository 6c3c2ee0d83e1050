import { PermanentEventError, type Tx } from '@ultramarket/kit';

interface OrderIdentity {
  orderId: string;
  storeId: string;
  orderNumber: string;
}

/** Remembers an order's number, for payment notifications whose events carry none. */
export async function rememberOrder(tx: Tx, order: OrderIdentity): Promise<void> {
  await tx.manager.query(
    `INSERT INTO order_reference (order_id, store_id, order_number) VALUES ($1, $2, $3)
     ON CONFLICT (order_id) DO UPDATE SET order_number = EXCLUDED.order_number, updated_at = now()`,
    [order.orderId, order.storeId, order.orderNumber],
  );
}

/**
 * Records a status change of an order under a row lock and says whether it is stale: older
 * (by the order's aggregate version) than one already handled. Status changes are consumed
 * concurrently and may arrive out of order; a stale one no longer describes the order.
 */
export async function recordStatusChange(tx: Tx, order: OrderIdentity, version: number): Promise<'current' | 'stale'> {
  // make sure the row exists (waiting for a concurrent insert to commit), then lock it
  await tx.manager.query(`INSERT INTO order_reference (order_id, store_id, order_number) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING`, [
    order.orderId,
    order.storeId,
    order.orderNumber,
  ]);
  const [row]: { status_version: number }[] = await tx.manager.query(
    `SELECT status_version FROM order_reference WHERE order_id = $1 AND store_id = $2 FOR UPDATE`,
    [order.orderId, order.storeId],
  );
  // the order id is taken by another store's order (row-level security hides it): never this store's to track
  if (!row) throw new PermanentEventError(`order ${order.orderId} is not an order of store ${order.storeId}`);
  // a producer that does not version its events (version 0) is never judged stale
  if (version > 0 && version < row.status_version) return 'stale';
  await tx.manager.query(
    `UPDATE order_reference SET order_number = $3, status_version = GREATEST(status_version, $4), updated_at = now() WHERE order_id = $1 AND store_id = $2`,
    [order.orderId, order.storeId, order.orderNumber, version],
  );
  return 'current';
}

/** The order's number if an order event of its store has told it; null otherwise. */
export async function orderNumberOf(tx: Tx, order: { orderId: string; storeId: string }): Promise<string | null> {
  const rows: { order_number: string }[] = await tx.manager.query(`SELECT order_number FROM order_reference WHERE order_id = $1 AND store_id = $2`, [
    order.orderId,
    order.storeId,
  ]);
  return rows[0]?.order_number ?? null;
}
