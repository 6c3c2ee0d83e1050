import { isUuid, PermanentEventError, returnedRows, type EventEnvelope, type EventHandler, type Tx } from '@ultramarket/kit';

/** Orders' name for the status that makes a purchase verified (orders owns the enum). */
const COMPLETED = 'COMPLETED';

interface OrderPurchaseRow {
  customer_id: string | null;
  product_ids: string[] | null;
  completed: boolean;
}

/** The store, order and customer (the shopper's user id; null for a guest) every order event carries. */
function partyOf(event: EventEnvelope): { storeId: string; orderId: string; customerId: string | null } {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (!isUuid(event.storeId)) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
  if (!isUuid(data.orderId) || data.orderId !== event.aggregateId) throw new PermanentEventError(`${event.type} ${event.id} does not name its order`);
  return { storeId: event.storeId, orderId: data.orderId, customerId: isUuid(data.customerId) ? data.customerId : null };
}

function productIdsOf(event: EventEnvelope): string[] {
  const lines = (event.data as { lines?: unknown }).lines;
  if (!Array.isArray(lines)) throw new PermanentEventError(`${event.type} ${event.id} has no lines`);
  return [...new Set(lines.map((line: { productId?: unknown }) => line.productId).filter(isUuid))];
}

/**
 * Once an order is both known (its products) and COMPLETED, its customer has bought each of its products: recorded
 * once per customer and product, and the reviews they already wrote of them become verified purchases.
 */
async function recordPurchases(tx: Tx, storeId: string, orderId: string, row: OrderPurchaseRow): Promise<void> {
  if (!row.completed || !row.product_ids?.length || !row.customer_id) return;
  await tx.manager.query(
    `INSERT INTO verified_purchase (store_id, customer_id, product_id, order_id) SELECT $1, $2, product_id, $3 FROM unnest($4::uuid[]) AS p(product_id)
     ON CONFLICT (store_id, customer_id, product_id) DO NOTHING`,
    [storeId, row.customer_id, orderId, row.product_ids],
  );
  await tx.manager.query(
    `UPDATE product_review SET verified_purchase = true, version = version + 1, updated_at = now()
     WHERE store_id = $1 AND customer_id = $2 AND product_id = ANY($3::uuid[]) AND NOT verified_purchase`,
    [storeId, row.customer_id, row.product_ids],
  );
}

/** orders.created: the order's customer and products (its completion may have been heard first). */
const orderCreated: EventHandler = {
  name: 'reviews-order-created',
  eventType: 'orders.created',
  async handle(event, tx) {
    const party = partyOf(event);
    const [row] = await returnedRows<OrderPurchaseRow>(
      tx.manager,
      `INSERT INTO order_purchase (order_id, store_id, customer_id, product_ids) VALUES ($1, $2, $3, $4::uuid[])
       ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, product_ids = EXCLUDED.product_ids, updated_at = now()
       RETURNING customer_id, product_ids, completed`,
      [party.orderId, party.storeId, party.customerId, productIdsOf(event)],
    );
    await recordPurchases(tx, party.storeId, party.orderId, row);
  },
};

/** orders.status-changed to COMPLETED: the order is done (its products may not have been heard of yet); other statuses change nothing here. */
const orderCompleted: EventHandler = {
  name: 'reviews-order-completed',
  eventType: 'orders.status-changed',
  async handle(event, tx) {
    const party = partyOf(event);
    if ((event.data as { to?: unknown }).to !== COMPLETED) return;
    const [row] = await returnedRows<OrderPurchaseRow>(
      tx.manager,
      `INSERT INTO order_purchase (order_id, store_id, customer_id, completed) VALUES ($1, $2, $3, true)
       ON CONFLICT (order_id) DO UPDATE SET completed = true, updated_at = now()
       RETURNING customer_id, product_ids, completed`,
      [party.orderId, party.storeId, party.customerId],
    );
    await recordPurchases(tx, party.storeId, party.orderId, row);
  },
};

/** Reviews' read model of purchases (`order_purchase`, `verified_purchase`), from orders' events: no call to orders. */
export const purchaseHandlers: EventHandler[] = [orderCreated, orderCompleted];

/** Whether the customer has a COMPLETED order of the store containing the product, as reviews has heard so far. */
export async function hasVerifiedPurchase(tx: Tx, storeId: string, customerId: string, productId: string): Promise<boolean> {
  const rows: unknown[] = await tx.manager.query(`SELECT 1 FROM verified_purchase WHERE store_id = $1 AND customer_id = $2 AND product_id = $3`, [
    storeId,
    customerId,
    productId,
  ]);
  return rows.length > 0;
}
