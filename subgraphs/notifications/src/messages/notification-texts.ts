import type { MoneyData } from '../event-handlers/event-data';
import { NotificationType } from '../notification/notification-type';
import { formatMoney } from './format-money';
import { cancellationSentence } from './cancel-reasons';
import { formatUtc, quotedInstructions, quotedText } from './plain-text';
import { staffRoleName } from './staff-roles';
import { TRACKING_STATUS_WORDS, trackingLine } from './tracking-statuses';
import { RETURN_STEP_WORDS } from './return-steps';

/** What an in-app notification says. */
export interface NotificationText {
  type: NotificationType;
  title: string;
  message: string;
}

const orderName = (orderNumber: string | null) => (orderNumber ? `order ${orderNumber}` : 'your order');
const because = (reason: string | null) => (reason ? `: ${reason.replace(/\.$/, '')}` : '');

/** Every in-app notification's title and message, in one place. */
export const notificationTexts = {
  returnUpdated: (update: { orderNumber: string; status: string; rejectReason: string | null }): NotificationText => {
    const words = RETURN_STEP_WORDS[update.status];
    return {
      type: NotificationType.ORDER,
      title: words ? words.title(update.orderNumber) : `Return news for order ${update.orderNumber}`,
      message: `${words?.sentence ?? 'Your return has news.'}${update.status === 'REJECTED' && update.rejectReason ? ` Reason: ${update.rejectReason.replace(/\.$/, '')}.` : ''}`,
    };
  },
  orderConfirmed: (order: { orderNumber: string; total: MoneyData }): NotificationText => ({
    type: NotificationType.ORDER,
    title: `Order ${order.orderNumber} confirmed`,
    message: `Your order ${order.orderNumber} (${formatMoney(order.total)}) is confirmed. We will let you know when it is on its way.`,
  }),
  orderDispatched: (order: { orderNumber: string }): NotificationText => ({
    type: NotificationType.DISPATCH,
    title: `Order ${order.orderNumber} dispatched`,
    message: `Your order ${order.orderNumber} is on its way.`,
  }),
  orderDispatchedWithTracking: (order: { orderNumber: string; carrier: string; trackingNumber: string }): NotificationText => ({
    type: NotificationType.DISPATCH,
    title: `Order ${order.orderNumber} dispatched`,
    message: `Your order ${order.orderNumber} is on its way with ${order.carrier}. Tracking number: ${order.trackingNumber}.`,
  }),
  /** A parcel's tracking news, with the staff's or carrier's words (in the app only: see ShipmentTracking.message). */
  shipmentTracking: (tracking: {
    orderNumber: string;
    status: string;
    carrier: string;
    trackingNumber: string;
    trackingUrl: string | null;
    message: string | null;
  }): NotificationText | null => {
    const words = TRACKING_STATUS_WORDS[tracking.status];
    if (!words) return null;
    return {
      type: NotificationType.DISPATCH,
      title: words.headline(tracking.orderNumber),
      message: `Your order ${tracking.orderNumber} ${words.sentence}${because(tracking.message)}. ${trackingLine(tracking)}.`,
    };
  },
  orderCompleted: (order: { orderNumber: string }): NotificationText => ({
    type: NotificationType.ORDER,
    title: `Order ${order.orderNumber} completed`,
    message: `Your order ${order.orderNumber} is complete. Thank you for shopping with us.`,
  }),
  orderCancelled: (order: { orderNumber: string; reasonCode: string | null }): NotificationText => ({
    type: NotificationType.ORDER,
    title: `Order ${order.orderNumber} cancelled`,
    message: `Your order ${order.orderNumber} was cancelled${cancellationSentence(order.reasonCode)}`,
  }),
  orderPartiallyRefunded: (order: { orderNumber: string }): NotificationText => ({
    type: NotificationType.ORDER,
    title: `Order ${order.orderNumber} partially refunded`,
    message: `Part of your order ${order.orderNumber} was refunded.`,
  }),
  paymentSucceeded: (payment: { orderNumber: string | null; amount: MoneyData }): NotificationText => ({
    type: NotificationType.PAYMENT,
    title: 'Payment received',
    message: `We received your payment of ${formatMoney(payment.amount)} for ${orderName(payment.orderNumber)}.`,
  }),
  paymentFailed: (payment: { orderNumber: string | null; amount: MoneyData; message: string | null }): NotificationText => ({
    type: NotificationType.PAYMENT,
    title: 'Payment failed',
    message: `Your payment of ${formatMoney(payment.amount)} for ${orderName(payment.orderNumber)} failed${because(payment.message)}. You can try again with another payment method.`,
  }),
  manualPaymentAwaited: (payment: { orderNumber: string | null; amount: MoneyData; methodName: string; instructions: string }): NotificationText => ({
    type: NotificationType.PAYMENT,
    title: `How to pay for ${orderName(payment.orderNumber)}`,
    message: `You chose to pay ${formatMoney(payment.amount)} by ${payment.methodName}. The store's instructions:\n${quotedInstructions(payment.instructions)}`,
  }),
  paymentRefunded: (payment: { orderNumber: string | null; amount: MoneyData; reason: string | null }): NotificationText => ({
    type: NotificationType.PAYMENT,
    title: 'Refund issued',
    message: `We refunded ${formatMoney(payment.amount)} for ${orderName(payment.orderNumber)}${because(payment.reason)}. It can take a few business days to appear on your statement.`,
  }),
  refundFailed: (refund: { orderNumber: string | null; amount: MoneyData; message: string | null; attempts: number }): NotificationText => ({
    type: NotificationType.PAYMENT,
    title: `Refund failed for ${orderName(refund.orderNumber)}`,
    message: `The refund of ${formatMoney(refund.amount)} for ${orderName(refund.orderNumber)} failed after ${refund.attempts} attempts${because(refund.message)}. Retry it from the order (retryRefund) or refund the shopper another way.`,
  }),
  lowStock: (stock: { productId: string; available: number; lowStockThreshold: number }): NotificationText => ({
    type: NotificationType.STOCK,
    title: `Low stock: ${stock.available} left`,
    message: `Product ${stock.productId} is running low: ${stock.available} available (alert threshold ${stock.lowStockThreshold}).`,
  }),
  storeInvitation: (invitation: { storeName: string; role: string; expiresAt: Date }): NotificationText => ({
    type: NotificationType.INVITATION,
    title: `Invitation to join ${quotedText(invitation.storeName)}`,
    message: `You were invited to ${quotedText(invitation.storeName)} as ${staffRoleName(invitation.role)}. Accept it from your store invitations; it expires ${formatUtc(invitation.expiresAt)}.`,
  }),
};
