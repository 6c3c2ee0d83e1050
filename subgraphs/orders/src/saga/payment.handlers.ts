import { In } from 'typeorm';
import type { Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { AUTHORIZATION_HELD, OrderStatus, PaymentStatus } from '../order/order-status';
import { OrderStatusChange } from '../order/order-status-change.entity';
import { advance, saveOrder } from '../order/order-transitions';
import { orderEventHandler } from './order-event-handler';
import { stockHeldForConfirmation } from './confirm-on-payment';
import { recordRefundSucceeded } from '../refund/refund-outcome';
import { createRefund } from '../refund/create-refund';

/** What every payments event carries that orders reads (payments' `party`). */
interface PaymentEventData {
  orderId: string;
  paymentId?: string;
}

/**
 * Whether the order already recorded the outcome of `paymentId`. payments.initiated and its outcome come
 * through separate durable consumers, so the outcome may be applied first; news of that payment
 * afterwards must not reopen it (payments starts a new payment only after the last one settled).
 */
async function settled(tx: Tx, order: Order, paymentId: string | undefined): Promise<boolean> {
  if (!paymentId) return false;
  const outcomes = [OrderStatus.PAYMENT_SUCCESS, OrderStatus.PAYMENT_FAILED];
  return tx.manager.getRepository(OrderStatusChange).exists({ where: { orderId: order.id, storeId: order.storeId, paymentId, status: In(outcomes) } });
}

/** payments.initiated: a payment is being processed (unless its outcome arrived first). */
const initiated = orderEventHandler<PaymentEventData>('orders-payment-initiated', 'payments.initiated', async (tx, order, event) => {
  if (order.status !== OrderStatus.CREATED && order.status !== OrderStatus.PAYMENT_FAILED) return;
  if (await settled(tx, order, event.data.paymentId)) return;
  order.paymentStatus = PaymentStatus.PENDING;
  await advance(tx, order, [OrderStatus.PAYMENT_PENDING], { paymentId: event.data.paymentId ?? null });
});

/**
 * The money is taken (`PAID`) or held (`AUTHORIZED`): the order's payment status says so and, while the order awaits
 * payment, it moves through PAYMENT_SUCCESS (to CONFIRMED at once when its stock is held for a while yet). An order
 * that moved on meanwhile (e.g. cancelled because its reservation expired) only records it: inventory refuses to
 * commit, and payments refunds or voids.
 */
async function paymentSettled(tx: Tx, order: Order, status: PaymentStatus, paymentId: string | null): Promise<void> {
  order.paymentStatus = status;
  if (![OrderStatus.CREATED, OrderStatus.PAYMENT_PENDING, OrderStatus.PAYMENT_FAILED].includes(order.status)) {
    await saveOrder(tx, order);
    return;
  }
  const path = [OrderStatus.PAYMENT_PENDING, OrderStatus.PAYMENT_SUCCESS];
  if (stockHeldForConfirmation(order)) path.push(OrderStatus.CONFIRMED);
  await advance(tx, order, path, { paymentId });
}

/**
 * payments.succeeded: paid, and CONFIRMED in the same step when the stock is already committed or
 * held for a while yet (`stockHeldForConfirmation`); otherwise PAYMENT_SUCCESS until inventory.committed.
 */
const succeeded = orderEventHandler<PaymentEventData>('orders-payment-succeeded', 'payments.succeeded', async (tx, order, event) => {
  if ([PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED].includes(order.paymentStatus)) return;
  // a sale (or a manual payment marked paid) takes the whole total at once
  order.capturedAmount = order.totalAmount;
  await paymentSettled(tx, order, PaymentStatus.PAID, event.data.paymentId ?? null);
});

/** Payment statuses that mean money was taken or held: a late success or authorization changes nothing. */
const SETTLED = [PaymentStatus.PAID, PaymentStatus.REFUNDED, PaymentStatus.AUTHORIZED, PaymentStatus.PARTIALLY_PAID, PaymentStatus.VOIDED];

/**
 * payments.authorized (a MANUAL-capture store): the total is held on the card. For the saga it is a success
 * (stock committed, CONFIRMED as on payments.succeeded); the money is taken as the order ships (payments.captured).
 */
const authorized = orderEventHandler<PaymentEventData>('orders-payment-authorized', 'payments.authorized', async (tx, order, event) => {
  if (SETTLED.includes(order.paymentStatus)) return;
  // a capture heard of first (separate consumers) already counted what it took
  const status =
    order.capturedAmount === 0 ? PaymentStatus.AUTHORIZED : order.capturedAmount >= order.totalAmount ? PaymentStatus.PAID : PaymentStatus.PARTIALLY_PAID;
  await paymentSettled(tx, order, status, event.data.paymentId ?? null);
});

/**
 * What the payment took so far, from payments' `capturedTotal`: it only grows (captures arrive in order of their
 * totals only by chance, so a smaller total changes nothing).
 */
function recordCaptured(order: Order, capturedTotal: number): boolean {
  if (!Number.isSafeInteger(capturedTotal) || capturedTotal <= order.capturedAmount) return false;
  order.capturedAmount = Math.min(capturedTotal, order.totalAmount);
  return true;
}

/**
 * payments.captured: the order's captured amount grows to `capturedTotal`; an authorized order's payment status
 * becomes PARTIALLY_PAID, or PAID once its whole total is taken (PARTIALLY_REFUNDED when refunds were made meanwhile).
 * A CANCELLED order refunds what the capture added (the cancellation could not know of it).
 */
const captured = orderEventHandler<PaymentEventData & { capturedTotal: { amount: number }; captureId?: string }>(
  'orders-payment-captured',
  'payments.captured',
  async (tx, order, event) => {
    const before = order.capturedAmount;
    if (!recordCaptured(order, event.data.capturedTotal?.amount ?? 0)) return;
    if (order.status === OrderStatus.CANCELLED) {
      // taken after the order was cancelled (a capture racing the cancellation): nothing ships, so it goes back at once
      await saveOrder(tx, order);
      await createRefund(tx, order, {
        lines: [],
        shipping: null,
        amount: order.capturedAmount - before,
        reason: 'Captured after the order was cancelled',
        note: null,
        idempotencyKey: `late-capture:${event.data.captureId ?? event.id}`,
        actor: null,
      });
      return;
    }
    if (AUTHORIZATION_HELD.includes(order.paymentStatus)) {
      const whole = order.capturedAmount >= order.totalAmount;
      order.paymentStatus = !whole ? PaymentStatus.PARTIALLY_PAID : order.refundedAmount > 0 ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.PAID;
    }
    await saveOrder(tx, order);
  },
);

/**
 * payments.voided: the hold was released. With nothing captured the order's payment is VOIDED (the order stays for
 * staff); what was captured before stays taken (PARTIALLY_PAID).
 */
const voided = orderEventHandler<PaymentEventData & { capturedTotal: { amount: number } }>(
  'orders-payment-voided',
  'payments.voided',
  async (tx, order, event) => {
    const grew = recordCaptured(order, event.data.capturedTotal?.amount ?? 0);
    if (order.paymentStatus === PaymentStatus.AUTHORIZED) order.paymentStatus = order.capturedAmount > 0 ? PaymentStatus.PARTIALLY_PAID : PaymentStatus.VOIDED;
    else if (!grew) return;
    await saveOrder(tx, order);
  },
);

/**
 * payments.failed: the shopper may retry while the reservation lasts. A failed order hears of a retry's
 * failure before its initiated too: it passes through PAYMENT_PENDING again, as if in order.
 */
const failed = orderEventHandler<PaymentEventData & { message: string }>('orders-payment-failed', 'payments.failed', async (tx, order, event) => {
  if (![OrderStatus.CREATED, OrderStatus.PAYMENT_PENDING, OrderStatus.PAYMENT_FAILED].includes(order.status)) return;
  if (await settled(tx, order, event.data.paymentId)) return;
  order.paymentStatus = PaymentStatus.FAILED;
  const path = [OrderStatus.PAYMENT_PENDING, OrderStatus.PAYMENT_FAILED];
  await advance(tx, order, path, { reason: event.data.message ?? 'The payment failed', paymentId: event.data.paymentId ?? null });
});

/**
 * payments.refunded: money went back to the shopper. With a `refundId` it answers one of the order's
 * refunds (`recordRefundSucceeded`); without, payments gave the whole payment back on its own (paid after
 * the stock was released).
 */
const refunded = orderEventHandler<{ orderId: string; reason: string; refundId?: string | null }>(
  'orders-payment-refunded',
  'payments.refunded',
  async (tx, order, event, logger) => {
    if (event.data.refundId) return recordRefundSucceeded(tx, order, event.data.refundId, logger);
    order.paymentStatus = PaymentStatus.REFUNDED;
    await advance(tx, order, [OrderStatus.REFUNDED], { reason: event.data.reason ?? null });
    if (order.status !== OrderStatus.REFUNDED) await saveOrder(tx, order);
  },
);

export const paymentHandlers = [initiated, succeeded, failed, refunded, authorized, captured, voided];
