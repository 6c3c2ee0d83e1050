import type { Order } from './order.entity';
import type { OrderLineItem } from './order-line-item.entity';
import type { OrderStatus } from './order-status';
import type { OrderCancelReason } from './cancel-reason';

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
      variantId: line.variantId,
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceAmount, line.currencyCode),
    })),
  };
}

/** `reason` is free text (a shopper's or staff member's note): consumers must never send it to the order's address; `reasonCode` they may. */
export function statusChangedData(order: Order, from: OrderStatus, reason: string | null, reasonCode: OrderCancelReason | null = null) {
  return { ...party(order), from, to: order.status, reason, reasonCode, total: money(order.totalAmount, order.currencyCode) };
}

export function cancelledData(order: Order, reason: string | null, reasonCode: OrderCancelReason | null = null) {
  return { ...party(order), reason, reasonCode };
}

/** The shipment (shipping's, since shipments moved there) that dispatched the order. */
export interface DispatchingShipment {
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
}

export function dispatchedData(order: Order, shipment: DispatchingShipment) {
  return { ...party(order), ...shipment };
}
