import { registerEnumType } from 'type-graphql';

/** Where a return is (Shopify's and Saleor's steps): asked for, decided by the staff, the parcel back, the money back. */
export enum ReturnStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  RECEIVED = 'RECEIVED',
  REFUNDED = 'REFUNDED',
  CLOSED = 'CLOSED',
}

/** Why the shopper sends units back. */
export enum ReturnReason {
  DEFECTIVE = 'DEFECTIVE',
  WRONG_ITEM = 'WRONG_ITEM',
  NOT_AS_DESCRIBED = 'NOT_AS_DESCRIBED',
  NO_LONGER_NEEDED = 'NO_LONGER_NEEDED',
  OTHER = 'OTHER',
}

registerEnumType(ReturnStatus, {
  name: 'ReturnStatus',
  description: 'Where a return is.',
  valuesConfig: {
    REQUESTED: { description: 'Asked for by the shopper or the staff; the staff approve or reject it.' },
    APPROVED: { description: 'The staff accept it: the shopper sends the units back.' },
    REJECTED: { description: 'The staff refused it (see rejectReason); final.' },
    RECEIVED: { description: 'The units are back with the store; it is refunded (refundReturn) or closed without a refund.' },
    REFUNDED: { description: 'Its refund succeeded; final.' },
    CLOSED: { description: 'Closed by the staff without a refund (closeReturn); final.' },
  },
});

registerEnumType(ReturnReason, {
  name: 'ReturnReason',
  description: 'Why units are returned.',
  valuesConfig: {
    DEFECTIVE: { description: 'Broken or faulty.' },
    WRONG_ITEM: { description: 'Not what was ordered.' },
    NOT_AS_DESCRIBED: { description: 'Differs from its description.' },
    NO_LONGER_NEEDED: { description: 'The shopper changed their mind.' },
    OTHER: { description: 'Another reason (see the note).' },
  },
});

/** Every step a return may take; anything else is INVALID_TRANSITION. The refund itself is asked from RECEIVED (refundReturn). */
const ALLOWED: Record<ReturnStatus, readonly ReturnStatus[]> = {
  [ReturnStatus.REQUESTED]: [ReturnStatus.APPROVED, ReturnStatus.REJECTED],
  [ReturnStatus.APPROVED]: [ReturnStatus.RECEIVED, ReturnStatus.CLOSED],
  [ReturnStatus.REJECTED]: [],
  [ReturnStatus.RECEIVED]: [ReturnStatus.REFUNDED, ReturnStatus.CLOSED],
  [ReturnStatus.REFUNDED]: [],
  [ReturnStatus.CLOSED]: [],
};

export function canMoveReturn(from: ReturnStatus, to: ReturnStatus): boolean {
  return ALLOWED[from].includes(to);
}
