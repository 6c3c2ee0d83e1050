import { registerEnumType } from 'type-graphql';

/**
 * Why an order was cancelled, as a code: emails and notifications say the fixed text of the code,
 * never words a shopper typed (a guest order's address can be anybody's: free text would let anyone
 * send anything to it through us).
 */
export enum OrderCancelReason {
  CUSTOMER_CHANGED_MIND = 'CUSTOMER_CHANGED_MIND',
  ORDERED_BY_MISTAKE = 'ORDERED_BY_MISTAKE',
  FOUND_BETTER_PRICE = 'FOUND_BETTER_PRICE',
  OTHER = 'OTHER',
  /** Set by the saga: inventory could not reserve every line. */
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  /** Set by the saga: the stock reservation lapsed before payment. */
  RESERVATION_EXPIRED = 'RESERVATION_EXPIRED',
}

/** The reasons a caller may give to cancelOrder; the others are the platform's own. */
export const CALLER_CANCEL_REASONS: readonly OrderCancelReason[] = [
  OrderCancelReason.CUSTOMER_CHANGED_MIND,
  OrderCancelReason.ORDERED_BY_MISTAKE,
  OrderCancelReason.FOUND_BETTER_PRICE,
  OrderCancelReason.OTHER,
];

registerEnumType(OrderCancelReason, {
  name: 'OrderCancelReason',
  description: 'Why an order was cancelled. cancelOrder takes the first four; the platform sets OUT_OF_STOCK and RESERVATION_EXPIRED.',
  valuesConfig: {
    CUSTOMER_CHANGED_MIND: { description: 'The shopper changed their mind.' },
    ORDERED_BY_MISTAKE: { description: 'Ordered by mistake.' },
    FOUND_BETTER_PRICE: { description: 'The shopper found a better price.' },
    OTHER: { description: 'Another reason (the default).' },
    OUT_OF_STOCK: { description: 'Not every line could be reserved (set by the platform).' },
    RESERVATION_EXPIRED: { description: 'The stock reservation lapsed before payment (set by the platform).' },
  },
});
