import { returnedRows, type Tx } from '@ultramarket/kit';
import { Order } from './order.entity';
import { canTransition, OrderStatus } from './order-status';
import { cancelledData, OrderEvents, statusChangedData, type CancelledUnits } from './order.events';
import type { OrderCancelReason } from './cancel-reason';

/** The change asked for is not allowed from the order's current status. */
export class InvalidTransition extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`An order that is ${from} cannot become ${to}`);
  }
}

/**
 * Why an order moved: `reason` is words for the history and the staff, `reasonCode` (cancellations)
 * what the shopper is told, `paymentId` the payment a payment status is about.
 */
export interface MoveNote {
  reason?: string | null;
  reasonCode?: OrderCancelReason | null;
  paymentId?: string | null;
  /** A cancellation's units sold at payment that no refund gives back, for inventory to put back on hand (orders.cancelled `restock`). */
  restock?: readonly CancelledUnits[];
}

/** The statuses a payment moves an order into: their history entries name the payment. */
const PAYMENT_STATUSES: readonly OrderStatus[] = [OrderStatus.PAYMENT_PENDING, OrderStatus.PAYMENT_SUCCESS, OrderStatus.PAYMENT_FAILED];

/**
 * The order, locked for the rest of the transaction: every change to an order goes through this lock.
 * `store` is the store the transaction works for (`{}` only in the platform scope).
 */
export function lockOrder(tx: Tx, orderId: string, store: { storeId?: string }): Promise<Order | null> {
  return tx.manager.getRepository(Order).findOne({ where: { id: orderId, ...store }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Writes back what may change on a locked order, in one UPDATE … RETURNING (TypeORM's save() reads
 * the row before writing and again after: three round trips for one).
 */
export async function saveOrder(tx: Tx, order: Order): Promise<Order> {
  const [row] = await returnedRows<{ version: number; updated_at: Date }>(
    tx.manager,
    `UPDATE customer_order SET status = $3, payment_status = $4, reservation_status = $5, reservation_expires_at = $6, cancel_reason = $7,
       cancel_reason_code = $8, carrier = $9, tracking_number = $10, fulfillment_status = $11, cancelled_remainder_amount = $12,
       captured_amount = $13,
       version = version + 1, updated_at = now()
     WHERE id = $1 AND store_id = $2 RETURNING version, updated_at`,
    [
      order.id,
      order.storeId,
      order.status,
      order.paymentStatus,
      order.reservationStatus,
      order.reservationExpiresAt,
      order.cancelReason,
      order.cancelReasonCode,
      order.carrier,
      order.trackingNumber,
      order.fulfillmentStatus,
      order.cancelledRemainderAmount,
      order.capturedAmount,
    ],
  );
  if (!row) throw new Error(`order ${order.id} vanished under its lock`);
  order.version = row.version;
  order.updatedAt = new Date(row.updated_at);
  return order;
}

/** Moves a locked order to `to` (whatever else the caller changed is saved with it); a move the state machine forbids throws InvalidTransition. */
export function transition(tx: Tx, order: Order, to: OrderStatus, note: MoveNote = {}): Promise<Order> {
  if (!canTransition(order.status, to)) throw new InvalidTransition(order.status, to);
  return move(tx, order, [to], note);
}

/**
 * Moves a locked order along `path` as far as the state machine allows (a status it is in already is
 * passed over), e.g. CREATED → PAYMENT_PENDING → PAYMENT_SUCCESS → CONFIRMED. With no step allowed the
 * order is returned as it is, unsaved.
 */
export function advance(tx: Tx, order: Order, path: readonly OrderStatus[], note: MoveNote = {}): Promise<Order> {
  const steps: OrderStatus[] = [];
  let current = order.status;
  for (const status of path) {
    if (current === status) continue;
    if (!canTransition(current, status)) break;
    steps.push(status);
    current = status;
  }
  return steps.length === 0 ? Promise.resolve(order) : move(tx, order, steps, note);
}

/**
 * One write for the whole move: the order saved once, a history entry per status it passed through
 * (every change lands in the history), and one orders.status-changed from where it was to where it ends
 * (plus orders.cancelled when that is CANCELLED). Subscribers and notifications hear of each
 * transaction's outcome once, not of steps already behind it.
 */
async function move(tx: Tx, order: Order, steps: readonly OrderStatus[], note: MoveNote): Promise<Order> {
  const from = order.status;
  const to = steps[steps.length - 1];
  const reason = note.reason ?? null;
  const reasonCode = note.reasonCode ?? null;
  order.status = to;
  if (to === OrderStatus.CANCELLED) Object.assign(order, { cancelReason: reason, cancelReasonCode: reasonCode });
  const saved = await saveOrder(tx, order);
  // a VALUES list keeps the steps in order: the history is read in id order
  const rows = steps.map((_, index) => `($1, $2, $${index * 2 + 4}, $3, $${index * 2 + 5})`);
  const values = steps.flatMap((status) => [status, PAYMENT_STATUSES.includes(status) ? (note.paymentId ?? null) : null]);
  await tx.manager.query(`INSERT INTO order_status_change (order_id, store_id, status, message, payment_id) VALUES ${rows.join(', ')}`, [
    order.id,
    order.storeId,
    reason,
    ...values,
  ]);
  await tx.emit({
    type: OrderEvents.statusChanged,
    storeId: order.storeId,
    aggregateId: order.id,
    aggregateVersion: saved.version,
    data: statusChangedData(saved, from, reason, reasonCode),
  });
  if (to === OrderStatus.CANCELLED) {
    await tx.emit({
      type: OrderEvents.cancelled,
      storeId: order.storeId,
      aggregateId: order.id,
      aggregateVersion: saved.version,
      data: cancelledData(saved, reason, reasonCode, note.restock ?? []),
    });
  }
  return saved;
}
