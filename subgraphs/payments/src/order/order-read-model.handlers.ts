import { isUuid, PermanentEventError, type EventHandler, type Tx } from '@ultramarket/kit';
import { CHANGES_CHANNEL, ORDER_KEY_PREFIX } from './change-listener';
import { failAwaitedManualPayment } from '../manual-payment/close-awaited-manual-payment';

interface OrderCreated {
  orderId: string;
  orderNumber: string;
  customerId: string | null;
  email: string | null;
  total: { amount: number; currencyCode: string };
}

interface InventoryReserved {
  orderId: string;
  expiresAt: string;
}

interface OrderClosed {
  orderId: string;
  reason: string | null;
}

/** orders.created: the order becomes known (amount, currency, shopper, store). */
export const recordOrderOnCreated: EventHandler<OrderCreated> = {
  name: 'payments-order-created',
  eventType: 'orders.created',
  async handle(event, tx) {
    const { data } = event;
    if (!Number.isSafeInteger(data.total?.amount) || !/^[A-Z]{3}$/.test(data.total?.currencyCode ?? '')) {
      throw new PermanentEventError('orders.created without a valid total');
    }
    await upsertAndAnnounce(
      tx,
      `INSERT INTO order_read_model (order_id, store_id, order_number, customer_id, email, total_amount, currency_code, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (order_id) DO UPDATE SET
         order_number = EXCLUDED.order_number, customer_id = EXCLUDED.customer_id, email = EXCLUDED.email,
         total_amount = EXCLUDED.total_amount, currency_code = EXCLUDED.currency_code, placed_at = EXCLUDED.placed_at, updated_at = now()
       WHERE order_read_model.store_id = EXCLUDED.store_id`,
      [
        orderIdOf(event.aggregateId, data),
        storeIdOf(event),
        data.orderNumber ?? null,
        data.customerId ?? null,
        data.email ?? null,
        data.total.amount,
        data.total.currencyCode,
        event.occurredAt,
      ],
    );
  },
};

/** inventory.reserved: the order can be paid until the reservation expires. */
export const recordReservation: EventHandler<InventoryReserved> = reservationRecorder('payments-order-reserved', 'inventory.reserved');

/** inventory.reservation-extended: a manual payment's hold; the order stays payable (and can be marked paid) until the new expiry. */
export const recordReservationExtension: EventHandler<InventoryReserved> = reservationRecorder(
  'payments-order-reservation-extended',
  'inventory.reservation-extended',
);

/** Both move `reserved_until` only later (GREATEST), so the two events may arrive in either order. */
function reservationRecorder(name: string, eventType: string): EventHandler<InventoryReserved> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const expiresAt = new Date(event.data.expiresAt);
      if (Number.isNaN(expiresAt.getTime())) throw new PermanentEventError(`${eventType} without a valid expiresAt`);
      await upsertAndAnnounce(
        tx,
        `INSERT INTO order_read_model (order_id, store_id, reserved_until) VALUES ($1, $2, $3)
       ON CONFLICT (order_id) DO UPDATE SET
         reserved_until = GREATEST(order_read_model.reserved_until, EXCLUDED.reserved_until), updated_at = now()
       WHERE order_read_model.store_id = EXCLUDED.store_id`,
        [orderIdOf(event.aggregateId, event.data), storeIdOf(event), expiresAt],
      );
    },
  };
}

/** inventory.released: the stock went back to the shelf; the order cannot be paid any more. */
export const closeOnReleased: EventHandler<OrderClosed> = {
  name: 'payments-order-released',
  eventType: 'inventory.released',
  async handle(event, tx) {
    const [orderId, storeId, reason] = [
      orderIdOf(event.aggregateId, event.data),
      storeIdOf(event),
      `stock released (${event.data.reason ?? 'no reason given'})`,
    ];
    await closeOrder(tx, orderId, storeId, reason);
    await failAwaitedManualPayment(tx, orderId, storeId, reason);
  },
};

/** orders.cancelled: the order cannot be paid any more. */
export const closeOnCancelled: EventHandler<OrderClosed> = {
  name: 'payments-order-cancelled',
  eventType: 'orders.cancelled',
  async handle(event, tx) {
    const [orderId, storeId, reason] = [orderIdOf(event.aggregateId, event.data), storeIdOf(event), `cancelled (${event.data.reason ?? 'no reason given'})`];
    await closeOrder(tx, orderId, storeId, reason);
    await failAwaitedManualPayment(tx, orderId, storeId, reason);
  },
};

/** Closing is final and keeps the first reason; a late inventory.reserved never reopens an order. */
export async function closeOrder(tx: Tx, orderId: string, storeId: string, reason: string): Promise<void> {
  await upsertAndAnnounce(
    tx,
    `INSERT INTO order_read_model (order_id, store_id, closed_at, closed_reason) VALUES ($1, $2, now(), $3)
     ON CONFLICT (order_id) DO UPDATE SET
       closed_at = COALESCE(order_read_model.closed_at, EXCLUDED.closed_at),
       closed_reason = COALESCE(order_read_model.closed_reason, EXCLUDED.closed_reason), updated_at = now()
     WHERE order_read_model.store_id = EXCLUDED.store_id`,
    [orderId, storeId, reason],
  );
}

/**
 * Runs an upsert of one read-model row (`sql`, with RETURNING left to this function) and announces the
 * row's change to processPayment's waiters in the same statement: the NOTIFY is delivered when the
 * transaction commits, and only if the row was written (not for another store's order).
 */
async function upsertAndAnnounce(tx: Tx, sql: string, parameters: unknown[]): Promise<void> {
  const [channel, prefix] = [`$${parameters.length + 1}`, `$${parameters.length + 2}`];
  await tx.manager.query(`WITH changed AS (${sql} RETURNING order_id) SELECT pg_notify(${channel}::text, ${prefix}::text || order_id::text) FROM changed`, [
    ...parameters,
    CHANGES_CHANNEL,
    ORDER_KEY_PREFIX,
  ]);
}

/**
 * The store an event of the saga belongs to: the consumer runner entered it, and the read model's row
 * is bound to it. An event of no store cannot be about an order.
 */
export function storeIdOf(event: { id: string; type: string; storeId: string | null }): string {
  if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
  return event.storeId;
}

/** The saga's events name the order in `data.orderId` and as the aggregate; anything else can never be applied. */
export function orderIdOf(aggregateId: string, data: { orderId?: string }): string {
  const orderId = data.orderId ?? aggregateId;
  if (!isUuid(orderId)) throw new PermanentEventError(`not an order id: ${orderId}`);
  return orderId;
}
