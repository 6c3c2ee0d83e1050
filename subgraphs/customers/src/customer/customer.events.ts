import type { Customer } from './customer.entity';

/** What customers publishes (see schema/events.md); every event's aggregate is the customer. */
export const CustomerEvents = {
  created: 'customers.created',
  updated: 'customers.updated',
  deleted: 'customers.deleted',
  segmentMembershipChanged: 'customers.segment-membership-changed',
} as const;

export interface CustomerEventData {
  customerId: string;
  email: string;
  userId: string | null;
  ordersCount: number;
  totalSpent: { amount: number; currencyCode: string };
  /** Whether the customer pays no tax; cart prices the customer's signed-in carts by it. */
  taxExempt: boolean;
}

export function customerEventData(customer: Customer): CustomerEventData {
  return {
    customerId: customer.id,
    email: customer.email,
    userId: customer.userId,
    ordersCount: customer.ordersCount,
    totalSpent: { amount: customer.totalSpentAmount, currencyCode: customer.currencyCode },
    taxExempt: customer.taxExempt,
  };
}

export interface SegmentMembershipChangedData {
  customerId: string;
  segmentId: string;
  /** True when the customer joined the segment, false when they left it. */
  joined: boolean;
}
