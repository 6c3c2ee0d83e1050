import type { EntityManager } from 'typeorm';

/** An order line as shipping needs it: which variant, how many, and words for the staff. */
export interface OrderViewLine {
  variantId: string;
  productId: string | null;
  title: string;
  sku: string | null;
  quantity: number;
  /** Units cancelled unshipped (orders.remainder-cancelled); absent before any was. */
  cancelledQuantity?: number;
}

/** Shipping's copy of an order (from orders' events): enough to validate and announce a shipment without asking orders. */
export interface OrderView {
  orderId: string;
  storeId: string;
  orderNumber: string;
  customerId: string | null;
  email: string | null;
  /** Null until `orders.created` arrived (a status event may come first). */
  lines: OrderViewLine[] | null;
  /** Orders' status name (orders owns the enum). */
  status: string;
}

interface OrderViewRow {
  order_id: string;
  store_id: string;
  order_number: string;
  customer_id: string | null;
  email: string | null;
  lines: OrderViewLine[] | null;
  status: string;
}

const viewOf = (row: OrderViewRow): OrderView => ({
  orderId: row.order_id,
  storeId: row.store_id,
  orderNumber: row.order_number,
  customerId: row.customer_id,
  email: row.email,
  lines: row.lines,
  status: row.status,
});

/** The order as shipping last heard of it, in the manager's store (row-level security); `lock` holds it for the transaction. */
export async function readOrderView(manager: EntityManager, orderId: string, storeId: string, lock = false): Promise<OrderView | null> {
  const rows: OrderViewRow[] = await manager.query(
    `SELECT order_id, store_id, order_number, customer_id, email, lines, status FROM order_view WHERE order_id = $1 AND store_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [orderId, storeId],
  );
  return rows[0] ? viewOf(rows[0]) : null;
}
