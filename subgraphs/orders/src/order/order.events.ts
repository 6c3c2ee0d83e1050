import type { Order } from './order.entity';
import type { OrderLineItem } from './order-line-item.entity';
import type { OrderStatus } from './order-status';
import type { OrderCancelReason } from './cancel-reason';
import type { StoredDiscount } from './order-charges';

/** What orders publishes (see schema/events.md). */
export const OrderEvents = {
  created: 'orders.created',
  statusChanged: 'orders.status-changed',
  cancelled: 'orders.cancelled',
  dispatched: 'orders.dispatched',
  checkoutRefused: 'orders.checkout-refused',
} as const;

const money = (amount: number, currencyCode: string) => ({ amount, currencyCode });

/** Who the order is for, carried by every order event so consumers need no lookups. */
function party(order: Order) {
  return { orderId: order.id, orderNumber: order.orderNumber, customerId: order.customerId, email: order.email };
}

export function orderCreatedData(order: Order, lines: OrderLineItem[]) {
  return {
    ...party(order),
    cartId: order.cartId,
    shippingAddress: order.shippingAddress,
    billingAddress: order.billingAddress,
    note: order.note,
    currencyCode: order.currencyCode,
    pricesIncludeTax: order.pricesIncludeTax,
    subtotal: money(order.subtotalAmount, order.currencyCode),
    shippingTotal: money(order.shippingAmount, order.currencyCode),
    taxTotal: money(order.taxAmount, order.currencyCode),
    discountTotal: money(order.discountAmount, order.currencyCode),
    total: money(order.totalAmount, order.currencyCode),
    taxLines: order.storedTaxLines.map((line) => ({
      title: line.title,
      rateBasisPoints: line.rateBasisPoints,
      amount: money(line.amount, order.currencyCode),
    })),
    discounts: order.storedDiscounts.map((discount) => discountData(discount, order.currencyCode)),
    shippingLine: order.storedShippingLine && {
      rateId: order.storedShippingLine.rateId,
      title: order.storedShippingLine.title,
      amount: money(order.storedShippingLine.amount, order.currencyCode),
    },
    lines: lines.map((line) => ({
      productId: line.productId,
      variantId: line.variantId,
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceAmount, line.currencyCode),
      discountTotal: money(line.discountAmount, line.currencyCode),
      taxTotal: money(line.taxAmount, line.currencyCode),
      total: line.totalAmount === null ? null : money(line.totalAmount, line.currencyCode),
      discounts: line.discounts.map((discount) => discountData(discount, line.currencyCode)),
    })),
  };
}

function discountData(discount: StoredDiscount, currencyCode: string) {
  return { promotionId: discount.promotionId, code: discount.code, title: discount.title, amount: money(discount.amount, currencyCode) };
}

/** Why orders recorded no order for a checkout (aggregate = the order id cart chose). */
export interface CheckoutRefusedData {
  orderId: string;
  cartId: string;
  code: string;
  message: string;
  field: string[] | null;
}

/** `reason` is free text (a shopper's or staff member's note): consumers must never send it to the order's address; `reasonCode` they may. */
export function statusChangedData(order: Order, from: OrderStatus, reason: string | null, reasonCode: OrderCancelReason | null = null) {
  return { ...party(order), from, to: order.status, reason, reasonCode, total: money(order.totalAmount, order.currencyCode) };
}

/** Units of one variant a cancellation gives back to stock. */
export interface CancelledUnits {
  variantId: string;
  quantity: number;
}

/**
 * `restock`: units sold at payment (the stock committed) that no refund of the cancellation gives back, so inventory
 * puts them back on hand (an authorized order cancelled with nothing captured); empty otherwise.
 */
export function cancelledData(order: Order, reason: string | null, reasonCode: OrderCancelReason | null = null, restock: readonly CancelledUnits[] = []) {
  return { ...party(order), reason, reasonCode, restock };
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
