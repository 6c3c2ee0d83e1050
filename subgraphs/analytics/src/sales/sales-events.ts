import type { EntityManager } from 'typeorm';
import { isUuid, PermanentEventError, returnedRows, type EventEnvelope } from '@ultramarket/kit';
import { storeOf, type Applier } from '../rollup/applier';
import { storeDayOf } from '../store/store-profile';
import { customerKeyOfEmail, orderFiguresOf, type LineFigures } from './order-figures';

interface OrderFactRow {
  order_id: string;
  placed_day: string | null;
  currency_code: string | null;
  customer_key: string | null;
  gross: string | null;
  discounts: string | null;
  shipping: string | null;
  taxes: string | null;
  total: string | null;
  units: number | null;
  lines: LineFigures[] | null;
  paid: boolean;
  booked: boolean;
}

function orderIdOf(event: EventEnvelope): string {
  const orderId = (event.data as { orderId?: unknown }).orderId;
  if (!isUuid(orderId)) throw new PermanentEventError(`${event.type} ${event.id} does not name its order`);
  return orderId;
}

/**
 * Books a paid order into its placement day, once: the sales day (figures, one order, new or returning customer),
 * its lines into the product days, its customer's lifetime totals and the customer's day.
 */
async function bookWhenReady(manager: EntityManager, storeId: string, orderId: string): Promise<void> {
  const [order] = await returnedRows<OrderFactRow>(
    manager,
    `UPDATE order_fact SET booked = true, updated_at = now() WHERE order_id = $1 AND paid AND placed_day IS NOT NULL AND NOT booked
     RETURNING order_id, to_char(placed_day, 'YYYY-MM-DD') AS placed_day, currency_code, customer_key, gross, discounts, shipping, taxes, total, units, lines, paid, booked`,
    [orderId],
  );
  if (!order) return;
  const day = order.placed_day!;
  const currency = order.currency_code!;
  const [customer] = await returnedRows<{ orders_count: number }>(
    manager,
    `INSERT INTO customer_total (store_id, currency_code, customer_key, first_day, orders_count, spent) VALUES ($1, $2, $3, $4, 1, $5)
     ON CONFLICT (store_id, currency_code, customer_key) DO UPDATE
       SET orders_count = customer_total.orders_count + 1, spent = customer_total.spent + EXCLUDED.spent, first_day = least(customer_total.first_day, EXCLUDED.first_day)
     RETURNING orders_count`,
    [storeId, currency, order.customer_key, day, order.total],
  );
  const isNew = customer.orders_count === 1;
  await manager.query(
    `INSERT INTO customer_day (store_id, currency_code, customer_key, day, orders) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (store_id, currency_code, day, customer_key) DO UPDATE SET orders = customer_day.orders + 1`,
    [storeId, currency, order.customer_key, day],
  );
  await manager.query(
    `INSERT INTO sales_day (store_id, day, currency_code, gross, discounts, shipping, taxes, total, orders_count, units, new_customer_orders, returning_customer_orders)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11)
     ON CONFLICT (store_id, day, currency_code) DO UPDATE SET
       gross = sales_day.gross + EXCLUDED.gross, discounts = sales_day.discounts + EXCLUDED.discounts,
       shipping = sales_day.shipping + EXCLUDED.shipping, taxes = sales_day.taxes + EXCLUDED.taxes, total = sales_day.total + EXCLUDED.total,
       orders_count = sales_day.orders_count + 1, units = sales_day.units + EXCLUDED.units,
       new_customer_orders = sales_day.new_customer_orders + EXCLUDED.new_customer_orders,
       returning_customer_orders = sales_day.returning_customer_orders + EXCLUDED.returning_customer_orders`,
    [storeId, day, currency, order.gross, order.discounts, order.shipping, order.taxes, order.total, order.units, isNew ? 1 : 0, isNew ? 0 : 1],
  );
  for (const line of order.lines ?? []) {
    await manager.query(
      `INSERT INTO product_day (store_id, day, currency_code, variant_id, product_id, title, variant_title, sku, revenue, units)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (store_id, day, currency_code, variant_id) DO UPDATE SET
         revenue = product_day.revenue + EXCLUDED.revenue, units = product_day.units + EXCLUDED.units,
         title = EXCLUDED.title, variant_title = EXCLUDED.variant_title, sku = EXCLUDED.sku`,
      [storeId, day, currency, line.variantId, line.productId, line.title, line.variantTitle, line.sku, line.revenue, line.quantity],
    );
  }
}

/** orders.created: the order's figures, counted as placed on its store-local day; booked at once if its payment came first. */
const orderCreated: Applier['apply'] = async (event, manager) => {
  const storeId = storeOf(event);
  const orderId = orderIdOf(event);
  const figures = orderFiguresOf(event);
  const day = await storeDayOf(manager, storeId, event.occurredAt);
  await manager.query(
    `INSERT INTO order_fact (order_id, store_id, placed_day, currency_code, customer_key, gross, discounts, shipping, taxes, total, units, lines)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)
     ON CONFLICT (order_id) DO UPDATE SET placed_day = EXCLUDED.placed_day, currency_code = EXCLUDED.currency_code, customer_key = EXCLUDED.customer_key,
       gross = EXCLUDED.gross, discounts = EXCLUDED.discounts, shipping = EXCLUDED.shipping, taxes = EXCLUDED.taxes, total = EXCLUDED.total,
       units = EXCLUDED.units, lines = EXCLUDED.lines, updated_at = now()
     WHERE order_fact.placed_day IS NULL`,
    [
      orderId,
      storeId,
      day,
      figures.currencyCode,
      figures.customerKey,
      figures.gross,
      figures.discounts,
      figures.shipping,
      figures.taxes,
      figures.total,
      figures.units,
      JSON.stringify(figures.lines),
    ],
  );
  await manager.query(
    `INSERT INTO sales_day (store_id, day, currency_code, orders_placed) VALUES ($1, $2, $3, 1)
     ON CONFLICT (store_id, day, currency_code) DO UPDATE SET orders_placed = sales_day.orders_placed + 1`,
    [storeId, day, figures.currencyCode],
  );
  await bookWhenReady(manager, storeId, orderId);
};

/** payments.succeeded, payments.captured: the order is paid (its first one counts); booked at once if its figures are known. */
const orderPaid: Applier['apply'] = async (event, manager) => {
  const storeId = storeOf(event);
  const orderId = orderIdOf(event);
  await manager.query(
    `INSERT INTO order_fact (order_id, store_id, paid) VALUES ($1, $2, true) ON CONFLICT (order_id) DO UPDATE SET paid = true, updated_at = now() WHERE NOT order_fact.paid`,
    [orderId, storeId],
  );
  await bookWhenReady(manager, storeId, orderId);
};

/** payments.refunded: money given back, on the store-local day of the refund, and off its customer's lifetime value. */
const refunded: Applier['apply'] = async (event, manager) => {
  const storeId = storeOf(event);
  const data = event.data as { amount?: { amount?: unknown; currencyCode?: unknown }; email?: unknown };
  const amount = data.amount?.amount;
  const currency = data.amount?.currencyCode;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0 || typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    throw new PermanentEventError(`${event.type} ${event.id} has no amount`);
  }
  const day = await storeDayOf(manager, storeId, event.occurredAt);
  await manager.query(
    `INSERT INTO sales_day (store_id, day, currency_code, refunds) VALUES ($1, $2, $3, $4)
     ON CONFLICT (store_id, day, currency_code) DO UPDATE SET refunds = sales_day.refunds + EXCLUDED.refunds`,
    [storeId, day, currency, amount],
  );
  const customerKey = customerKeyOfEmail(data.email);
  if (customerKey) {
    await manager.query(`UPDATE customer_total SET refunded = refunded + $4 WHERE store_id = $1 AND currency_code = $2 AND customer_key = $3`, [
      storeId,
      currency,
      customerKey,
      amount,
    ]);
  }
};

export const salesAppliers: Applier[] = [
  { eventType: 'orders.created', apply: orderCreated },
  { eventType: 'payments.succeeded', apply: orderPaid },
  { eventType: 'payments.captured', apply: orderPaid },
  { eventType: 'payments.refunded', apply: refunded },
];
