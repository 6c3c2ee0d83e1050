import { OrderStatus, PaymentStatus, ReservationStatus } from '../order/order-status';
import { advance, orderEventHandler, saveOrder } from './order-event-handler';

/** payments.initiated: a payment is being processed. */
const initiated = orderEventHandler('orders-payment-initiated', 'payments.initiated', async (tx, order) => {
  if (order.status !== OrderStatus.CREATED && order.status !== OrderStatus.PAYMENT_FAILED) return;
  order.paymentStatus = PaymentStatus.PENDING;
  await advance(tx, order, [OrderStatus.PAYMENT_PENDING]);
});

/** payments.succeeded: paid; confirmed at once if inventory already committed the stock. */
const succeeded = orderEventHandler('orders-payment-succeeded', 'payments.succeeded', async (tx, order) => {
  if (order.paymentStatus === PaymentStatus.PAID || order.paymentStatus === PaymentStatus.REFUNDED) return;
  order.paymentStatus = PaymentStatus.PAID;
  if (![OrderStatus.CREATED, OrderStatus.PAYMENT_PENDING, OrderStatus.PAYMENT_FAILED].includes(order.status)) {
    // e.g. cancelled because the reservation expired: inventory will refuse to commit and payments refunds
    await saveOrder(tx, order);
    return;
  }
  const path = [OrderStatus.PAYMENT_PENDING, OrderStatus.PAYMENT_SUCCESS];
  if (order.reservationStatus === ReservationStatus.COMMITTED) path.push(OrderStatus.CONFIRMED);
  await advance(tx, order, path);
});

/** payments.failed: the shopper may retry while the reservation lasts. */
const failed = orderEventHandler<{ orderId: string; message: string }>('orders-payment-failed', 'payments.failed', async (tx, order, event) => {
  if (order.status !== OrderStatus.CREATED && order.status !== OrderStatus.PAYMENT_PENDING) return;
  order.paymentStatus = PaymentStatus.FAILED;
  await advance(tx, order, [OrderStatus.PAYMENT_PENDING, OrderStatus.PAYMENT_FAILED], event.data.message ?? 'The payment failed');
});

/** payments.refunded: money went back to the shopper (e.g. paid after the stock was released). */
const refunded = orderEventHandler<{ orderId: string; reason: string }>('orders-payment-refunded', 'payments.refunded', async (tx, order, event) => {
  order.paymentStatus = PaymentStatus.REFUNDED;
  await advance(tx, order, [OrderStatus.REFUNDED], event.data.reason ?? null);
  if (order.status !== OrderStatus.REFUNDED) await saveOrder(tx, order);
});

export const paymentHandlers = [initiated, succeeded, failed, refunded];
