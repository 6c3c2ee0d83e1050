import { CANCELLABLE, OrderStatus, ReservationStatus } from '../order/order-status';
import { OrderCancelReason } from '../order/cancel-reason';
import { advance, saveOrder } from '../order/order-transitions';
import { orderEventHandler } from './order-event-handler';

/** inventory.reserved: the stock is held until `expiresAt`; the order can be paid. */
const reserved = orderEventHandler<{ orderId: string; expiresAt: string }>('orders-stock-reserved', 'inventory.reserved', async (tx, order, event) => {
  if (order.reservationStatus !== ReservationStatus.PENDING) return;
  order.reservationStatus = ReservationStatus.RESERVED;
  order.reservationExpiresAt = new Date(event.data.expiresAt);
  await saveOrder(tx, order);
});

/** inventory.reservation-extended: a manual payment's hold; the held stock now expires later (never earlier). */
const extended = orderEventHandler<{ orderId: string; expiresAt: string }>(
  'orders-reservation-extended',
  'inventory.reservation-extended',
  async (tx, order, event) => {
    const expiresAt = new Date(event.data.expiresAt);
    if (order.reservationStatus !== ReservationStatus.RESERVED || Number.isNaN(expiresAt.getTime())) return;
    if (order.reservationExpiresAt && order.reservationExpiresAt >= expiresAt) return;
    order.reservationExpiresAt = expiresAt;
    await saveOrder(tx, order);
  },
);

/** inventory.reservation-failed: not enough stock for some line; the order is cancelled with the reason. */
const reservationFailed = orderEventHandler<{ orderId: string; reason: string }>(
  'orders-reservation-failed',
  'inventory.reservation-failed',
  async (tx, order, event) => {
    if (order.reservationStatus !== ReservationStatus.PENDING) return;
    order.reservationStatus = ReservationStatus.FAILED;
    const note = { reason: event.data.reason, reasonCode: OrderCancelReason.OUT_OF_STOCK };
    if (CANCELLABLE.includes(order.status)) await advance(tx, order, [OrderStatus.CANCELLED], note);
    else await saveOrder(tx, order);
  },
);

/** inventory.committed: the stock is sold; a paid order is confirmed (unless payments.succeeded confirmed it already). */
const committed = orderEventHandler('orders-stock-committed', 'inventory.committed', async (tx, order) => {
  order.reservationStatus = ReservationStatus.COMMITTED;
  if (order.status === OrderStatus.PAYMENT_SUCCESS) await advance(tx, order, [OrderStatus.CONFIRMED]);
  else await saveOrder(tx, order);
});

/** inventory.released: cancelled (nothing more to do) or expired (an unpaid order is cancelled). */
const released = orderEventHandler<{ orderId: string; reason: string }>('orders-stock-released', 'inventory.released', async (tx, order, event) => {
  if (order.reservationStatus === ReservationStatus.COMMITTED) return;
  order.reservationStatus = ReservationStatus.RELEASED;
  const unpaid = [...CANCELLABLE, OrderStatus.PAYMENT_PENDING].includes(order.status);
  if (event.data.reason === 'expired' && unpaid) {
    await advance(tx, order, [OrderStatus.CANCELLED], {
      reason: 'The stock reservation expired before payment',
      reasonCode: OrderCancelReason.RESERVATION_EXPIRED,
    });
  } else await saveOrder(tx, order);
});

export const reservationHandlers = [reserved, extended, reservationFailed, committed, released];
