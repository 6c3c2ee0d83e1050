import { registerEnumType } from 'type-graphql';

/** Where an order is in its life (BLUEPRINT "Order flow"). */
export enum OrderStatus {
  CREATED = 'CREATED',
  PAYMENT_PENDING = 'PAYMENT_PENDING',
  PAYMENT_SUCCESS = 'PAYMENT_SUCCESS',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  CONFIRMED = 'CONFIRMED',
  PARTIALLY_FULFILLED = 'PARTIALLY_FULFILLED',
  FULFILLED = 'FULFILLED',
  DELIVERED = 'DELIVERED',
  /** Replaced by FULFILLED (issue 15): no order enters it any more; orders that were in it are FULFILLED. */
  DISPATCHED = 'DISPATCHED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  REFUNDED = 'REFUNDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
}

/** Whether the order has been paid for. */
export enum PaymentStatus {
  UNPAID = 'UNPAID',
  PENDING = 'PENDING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
  AUTHORIZED = 'AUTHORIZED',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  VOIDED = 'VOIDED',
}

/** Payment statuses of an order whose authorization is not captured in full: it may take more as the order ships. */
export const AUTHORIZATION_HELD: readonly PaymentStatus[] = [PaymentStatus.AUTHORIZED, PaymentStatus.PARTIALLY_PAID];

/** How much of the order has shipped and arrived (Order.fulfillmentStatus). */
export enum FulfillmentStatus {
  UNFULFILLED = 'UNFULFILLED',
  PARTIALLY_FULFILLED = 'PARTIALLY_FULFILLED',
  FULFILLED = 'FULFILLED',
  DELIVERED = 'DELIVERED',
}

/** Whether stock is held for the order. */
export enum ReservationStatus {
  PENDING = 'PENDING',
  RESERVED = 'RESERVED',
  COMMITTED = 'COMMITTED',
  RELEASED = 'RELEASED',
  FAILED = 'FAILED',
}

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order is in its life.',
  valuesConfig: {
    CREATED: { description: 'Placed; stock is being reserved and payment is awaited.' },
    PAYMENT_PENDING: { description: 'A payment is being processed.' },
    PAYMENT_SUCCESS: { description: 'Paid; the reserved stock is being committed.' },
    PAYMENT_FAILED: { description: 'The last payment failed; the shopper may retry while the reservation lasts.' },
    CONFIRMED: { description: 'Paid and the stock is committed: ready to ship.' },
    PARTIALLY_FULFILLED: { description: 'Some units are shipped; the rest are still to ship (or to be cancelled with cancelOrderRemainder).' },
    FULFILLED: { description: 'Every unit is shipped (or its unshipped remainder was cancelled); orders.dispatched is published on entering it.' },
    DELIVERED: { description: 'Fulfilled, and every shipment was delivered (reported by its carrier or the staff).' },
    DISPATCHED: {
      description: 'Handed to the carrier (no order enters it any more; orders that were DISPATCHED are FULFILLED).',
      deprecationReason: 'Replaced by FULFILLED (and PARTIALLY_FULFILLED, DELIVERED): a shipped order is FULFILLED',
    },
    COMPLETED: { description: 'Closed by the store’s staff (completeOrder), usually once delivered.' },
    CANCELLED: { description: 'Cancelled (by the shopper, the store, missing stock or an expired reservation).' },
    REFUNDED: { description: 'The payment was refunded in full.' },
    PARTIALLY_REFUNDED: { description: 'Part of the payment was refunded.' },
  },
});
registerEnumType(PaymentStatus, {
  name: 'OrderPaymentStatus',
  description: 'Whether the order has been paid for.',
  valuesConfig: {
    UNPAID: { description: 'No payment yet.' },
    PENDING: { description: 'A payment is being processed.' },
    PAID: { description: 'The total was taken (in a MANUAL-capture store: captured in full).' },
    FAILED: { description: 'The last payment failed.' },
    PARTIALLY_REFUNDED: { description: 'Paid, and part of what was captured has been refunded.' },
    REFUNDED: { description: 'Everything captured has been refunded.' },
    AUTHORIZED: { description: "The total is held on the shopper's card (a MANUAL-capture store); it is taken as the order ships." },
    PARTIALLY_PAID: { description: 'Part of the authorized total was captured (a first shipment, or staff).' },
    VOIDED: { description: 'The authorization was released before anything was captured (order cancelled, or the authorization expired).' },
  },
});
registerEnumType(FulfillmentStatus, {
  name: 'OrderFulfillmentStatus',
  description: 'How much of an order has shipped and arrived.',
  valuesConfig: {
    UNFULFILLED: { description: 'Nothing shipped yet.' },
    PARTIALLY_FULFILLED: { description: 'Some units shipped, others still to ship.' },
    FULFILLED: { description: 'Every unit shipped or its unshipped remainder cancelled.' },
    DELIVERED: { description: 'Fulfilled, and every shipment delivered.' },
  },
});
registerEnumType(ReservationStatus, { name: 'OrderReservationStatus', description: 'Whether stock is held for the order.' });

/** Every status change the platform may make; anything else is an INVALID_TRANSITION. */
const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  [OrderStatus.CREATED]: [OrderStatus.PAYMENT_PENDING, OrderStatus.CANCELLED],
  [OrderStatus.PAYMENT_PENDING]: [OrderStatus.PAYMENT_SUCCESS, OrderStatus.PAYMENT_FAILED, OrderStatus.CANCELLED],
  [OrderStatus.PAYMENT_FAILED]: [OrderStatus.PAYMENT_PENDING, OrderStatus.CANCELLED],
  // CANCELLED from a paid status: staff's cancelOrder, which refunds everything in the same step (refund/cancel-paid-order.ts)
  [OrderStatus.PAYMENT_SUCCESS]: [OrderStatus.CONFIRMED, OrderStatus.REFUNDED, OrderStatus.CANCELLED],
  [OrderStatus.CONFIRMED]: [
    OrderStatus.PARTIALLY_FULFILLED,
    OrderStatus.FULFILLED,
    OrderStatus.REFUNDED,
    OrderStatus.PARTIALLY_REFUNDED,
    OrderStatus.CANCELLED,
  ],
  [OrderStatus.PARTIALLY_FULFILLED]: [OrderStatus.FULFILLED, OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED],
  // a carrier that never reports delivery must not keep an order open: the staff may complete a FULFILLED order
  [OrderStatus.FULFILLED]: [OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED],
  [OrderStatus.DELIVERED]: [OrderStatus.COMPLETED, OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED],
  [OrderStatus.DISPATCHED]: [OrderStatus.COMPLETED, OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED],
  [OrderStatus.COMPLETED]: [OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED],
  [OrderStatus.CANCELLED]: [OrderStatus.REFUNDED],
  [OrderStatus.REFUNDED]: [],
  [OrderStatus.PARTIALLY_REFUNDED]: [OrderStatus.REFUNDED],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Statuses in which an order's stock is still only reserved and it can be cancelled by its shopper or store. */
export const CANCELLABLE: readonly OrderStatus[] = [OrderStatus.CREATED, OrderStatus.PAYMENT_FAILED];

/** Statuses that count as revenue. */
export const REVENUE_STATUSES: readonly OrderStatus[] = [
  OrderStatus.CONFIRMED,
  OrderStatus.PARTIALLY_FULFILLED,
  OrderStatus.FULFILLED,
  OrderStatus.DELIVERED,
  OrderStatus.DISPATCHED,
  OrderStatus.COMPLETED,
];
