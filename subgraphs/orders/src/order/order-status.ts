import { registerEnumType } from 'type-graphql';

/** Where an order is in its life (BLUEPRINT "Order flow"). */
export enum OrderStatus {
  CREATED = 'CREATED',
  PAYMENT_PENDING = 'PAYMENT_PENDING',
  PAYMENT_SUCCESS = 'PAYMENT_SUCCESS',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  CONFIRMED = 'CONFIRMED',
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
    DISPATCHED: { description: 'Handed to the carrier.' },
    COMPLETED: { description: 'Delivered and closed.' },
    CANCELLED: { description: 'Cancelled (by the shopper, the store, missing stock or an expired reservation).' },
    REFUNDED: { description: 'The payment was refunded in full.' },
    PARTIALLY_REFUNDED: { description: 'Part of the payment was refunded.' },
  },
});
registerEnumType(PaymentStatus, {
  name: 'OrderPaymentStatus',
  description: 'Whether the order has been paid for.',
  valuesConfig: {
    PARTIALLY_REFUNDED: { description: 'Paid, and part of what was captured has been refunded.' },
    REFUNDED: { description: 'Everything captured has been refunded.' },
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
  [OrderStatus.CONFIRMED]: [OrderStatus.DISPATCHED, OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.CANCELLED],
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
export const REVENUE_STATUSES: readonly OrderStatus[] = [OrderStatus.CONFIRMED, OrderStatus.DISPATCHED, OrderStatus.COMPLETED];
