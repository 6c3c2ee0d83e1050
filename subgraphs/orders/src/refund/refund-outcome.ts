import type { Logger, Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { AUTHORIZATION_HELD, OrderStatus, PaymentStatus } from '../order/order-status';
import { advance, saveOrder } from '../order/order-transitions';
import { Refund } from './refund.entity';
import { RefundStatus } from './refund-status';
import { capturedAmount } from './refund-amounts';
import { returnRefundSucceeded } from '../return/return-refunded';

/** The refund of a locked order, locked too; null (logged) when orders never made it. */
async function lockRefund(tx: Tx, order: Order, refundId: string, logger: Logger): Promise<Refund | null> {
  const refund = await tx.manager
    .getRepository(Refund)
    .findOne({ where: { id: refundId, storeId: order.storeId, orderId: order.id }, lock: { mode: 'pessimistic_write' } });
  if (!refund) logger.warn({ orderId: order.id, refundId }, 'payments answered for a refund orders does not know');
  return refund;
}

/**
 * payments.refunded for one of the order's refunds: the refund SUCCEEDED, and the order's payment status
 * follows what all its refunds gave back: PARTIALLY_REFUNDED, or REFUNDED once it is everything captured,
 * when the order itself becomes REFUNDED too (a CANCELLED order stays CANCELLED). A partial refund leaves
 * the order's status as it was, so a partly refunded order still ships. A return whose refund this is becomes REFUNDED.
 */
export async function recordRefundSucceeded(tx: Tx, order: Order, refundId: string, logger: Logger): Promise<void> {
  const refund = await lockRefund(tx, order, refundId, logger);
  if (!refund || refund.status === RefundStatus.SUCCEEDED) return;
  refund.status = RefundStatus.SUCCEEDED;
  refund.failureReason = null;
  await tx.manager.getRepository(Refund).save(refund);
  // a return's refund: the return is REFUNDED with it
  await returnRefundSucceeded(tx, order, refund.id);
  // once per refund (it is SUCCEEDED now): what analytics and Order.totalRefunded subtract
  await tx.manager.query(`UPDATE customer_order SET refunded_amount = refunded_amount + $3 WHERE id = $1 AND store_id = $2`, [
    order.id,
    order.storeId,
    refund.amountMinorUnits,
  ]);
  order.refundedAmount += refund.amountMinorUnits;
  // an authorization still held may take more as the order ships: its payment status (PARTIALLY_PAID) and the order's
  // status stay; totalRefunded shows the refund, and the status follows the refunds once the whole total is captured
  if (AUTHORIZATION_HELD.includes(order.paymentStatus)) {
    await saveOrder(tx, order);
    return;
  }
  const everything = order.refundedAmount >= capturedAmount(order);
  order.paymentStatus = everything ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
  if (everything && order.status !== OrderStatus.CANCELLED) {
    const moved = await advance(tx, order, [OrderStatus.REFUNDED], { reason: refund.reason });
    if (moved.status === OrderStatus.REFUNDED) return;
  }
  await saveOrder(tx, order);
}

/** payments.refund-failed: the provider refused the refund after every attempt; staff see it FAILED and may retry it. */
export async function recordRefundFailed(tx: Tx, order: Order, refundId: string, message: string, logger: Logger): Promise<void> {
  const refund = await lockRefund(tx, order, refundId, logger);
  if (!refund || refund.status !== RefundStatus.PENDING) return;
  refund.status = RefundStatus.FAILED;
  refund.failureReason = message;
  await tx.manager.getRepository(Refund).save(refund);
}
