import type { Order } from './order.entity';
import type { OrderLineItem } from './order-line-item.entity';
import type { OrderStatus } from './order-status';

/** What orders publishes (see schema/events.md). */
export const OrderEvents = {
  created: 'orders.created',
  statusChanged: 'orders.status-changed',
  cancelled: 'orders.cancelled',
  dispatched: 'orders.dispatched',
} as const;

const money = (amount: number, currencyCode: string) => ({ amount, currencyCode });

/** Who the order is for, carried by every order event so consumers need no lookups. */
function party(order: Order) {
  return { orderId: order.id, orderNumber: order.orderNumber, customerId: order.customerId, email: order.email };
}

export function orderCreatedData(order: Order, lines: OrderLineItem[]) {
  return {
    ...party(order),
    shippingAddress: order.shippingAddress,
    currencyCode: order.currencyCode,
    subtotal: money(order.subtotalAmount, order.currencyCode),
    shippingTotal: money(order.shippingAmount, order.currencyCode),
    taxTotal: money(order.taxAmount, order.currencyCode),
    discountTotal: money(order.discountAmount, order.currencyCode),
    total: money(order.totalAmount, order.currencyCode),
    lines: lines.map((line) => ({
      productId: line.productId,
      title: line.title,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceAmount, line.currencyCode),
    })),
  };
}

export function statusChangedData(order: Order, from: OrderStatus, reason: string | null) {
  return { ...party(order), from, to: order.status, reason, total: money(order.totalAmount, order.currencyCode) };
}

export function cancelledData(order: Order, reason: string | null) {
  return { ...party(order), reason };
}

export function dispatchedData(order: Order) {
  return { ...party(order), carrier: order.carrier, trackingNumber: order.trackingNumber };
}
