import { orderEventHandler } from '../saga/order-event-handler';
import { recordRefundFailed } from './refund-outcome';

interface RefundFailedData {
  orderId: string;
  refundId: string;
  message: string;
}

/** payments.refund-failed: the refund is FAILED with the provider's reason (payments.refunded is handled with the saga's payment events). */
const refundFailed = orderEventHandler<RefundFailedData>('orders-refund-failed', 'payments.refund-failed', (tx, order, event, logger) =>
  recordRefundFailed(tx, order, event.data.refundId, event.data.message ?? 'The payment provider refused the refund', logger),
);

export const refundOutcomeHandlers = [refundFailed];
