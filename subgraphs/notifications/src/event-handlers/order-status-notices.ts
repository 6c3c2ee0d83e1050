import { EmailKind } from '../messages/email-templates';
import { emailMessage } from '../templates/email-template-keys';
import { notificationTexts } from '../messages/notification-texts';
import { OrderStatus, type OrderStatusChanged } from './consumed-events';
import type { CustomerNotice } from './tell-customer';

/** One dispatch notification per order, whether `orders.status-changed` or `orders.dispatched` comes first. */
export const dispatchNoticeKey = (orderId: string) => `order-dispatched:${orderId}`;

/**
 * What the customer hears when their order reaches a status. Statuses left out are internal steps
 * (CREATED, PAYMENT_PENDING, PAYMENT_SUCCESS) or are told by a payment event that says more
 * (REFUNDED by payments.refunded; the in-app PAYMENT_FAILED notice by payments.failed, which has the
 * decline reason). The DISPATCHED email comes from orders.dispatched, which has the tracking number.
 */
export const orderStatusNotices: Partial<Record<OrderStatus, (order: OrderStatusChanged) => CustomerNotice>> = {
  [OrderStatus.CONFIRMED]: (order) => ({
    notification: notificationTexts.orderConfirmed(order),
    email: emailMessage(EmailKind.ORDER_CONFIRMED, order),
  }),
  [OrderStatus.PAYMENT_FAILED]: (order) => ({
    email: emailMessage(EmailKind.ORDER_PAYMENT_FAILED, order),
  }),
  [OrderStatus.DISPATCHED]: (order) => ({
    notification: { ...notificationTexts.orderDispatched(order), dedupeKey: dispatchNoticeKey(order.orderId), onDuplicate: 'keep' },
  }),
  [OrderStatus.COMPLETED]: (order) => ({
    notification: notificationTexts.orderCompleted(order),
  }),
  [OrderStatus.CANCELLED]: (order) => ({
    notification: notificationTexts.orderCancelled(order),
    email: emailMessage(EmailKind.ORDER_CANCELLED, order),
  }),
  [OrderStatus.PARTIALLY_REFUNDED]: (order) => ({
    notification: notificationTexts.orderPartiallyRefunded(order),
  }),
};
