import { registerEnumType } from 'type-graphql';

/**
 * What was done to an order, as its audit trail names it. Orders' own staff actions write theirs in the same
 * transaction (`recordOrderAudit`); actions other subgraphs own arrive as events (`audit-event-registry.ts`).
 */
export enum OrderAuditAction {
  ORDER_CANCELLED = 'ORDER_CANCELLED',
  ORDER_COMPLETED = 'ORDER_COMPLETED',
  TAGS_CHANGED = 'TAGS_CHANGED',
  SHIPMENT_CREATED = 'SHIPMENT_CREATED',
  TRACKING_UPDATED = 'TRACKING_UPDATED',
  REMAINDER_CANCELLED = 'REMAINDER_CANCELLED',
  REFUND_REQUESTED = 'REFUND_REQUESTED',
  REFUND_SUCCEEDED = 'REFUND_SUCCEEDED',
  REFUND_FAILED = 'REFUND_FAILED',
  PAYMENT_RECEIVED = 'PAYMENT_RECEIVED',
  PAYMENT_CAPTURED = 'PAYMENT_CAPTURED',
  AUTHORIZATION_VOIDED = 'AUTHORIZATION_VOIDED',
  RETURN_REQUESTED = 'RETURN_REQUESTED',
  RETURN_APPROVED = 'RETURN_APPROVED',
  RETURN_REJECTED = 'RETURN_REJECTED',
  RETURN_RECEIVED = 'RETURN_RECEIVED',
  RETURN_REFUND_REQUESTED = 'RETURN_REFUND_REQUESTED',
  RETURN_REFUNDED = 'RETURN_REFUNDED',
  RETURN_CLOSED = 'RETURN_CLOSED',
}

/** Who acted: a person of the store, the order's shopper, the platform itself, or an app (API key). */
export enum OrderAuditActorKind {
  STAFF = 'STAFF',
  CUSTOMER = 'CUSTOMER',
  SYSTEM = 'SYSTEM',
  APP = 'APP',
}

registerEnumType(OrderAuditAction, {
  name: 'OrderAuditAction',
  description: 'What was done to an order.',
  valuesConfig: {
    ORDER_CANCELLED: { description: 'cancelOrder: the order was cancelled.' },
    ORDER_COMPLETED: { description: 'completeOrder: the order was marked delivered.' },
    TAGS_CHANGED: { description: 'setOrderTags, addOrderTags or removeOrderTags changed the order’s tags.' },
    SHIPMENT_CREATED: { description: 'A shipment of (part of) the order was handed to a carrier (shipping.shipment-created).' },
    TRACKING_UPDATED: { description: 'A shipment’s tracking status changed (shipping.tracking-updated).' },
    REMAINDER_CANCELLED: { description: 'cancelOrderRemainder: the unshipped units were cancelled (orders.remainder-cancelled).' },
    REFUND_REQUESTED: { description: 'refundOrder, retryRefund or a paid order’s cancellation asked for a refund (orders.refund-requested).' },
    REFUND_SUCCEEDED: { description: 'The provider gave money back (payments.refunded).' },
    REFUND_FAILED: { description: 'A refund failed after every attempt (payments.refund-failed): staff must act.' },
    PAYMENT_RECEIVED: { description: 'A payment succeeded: by the provider, or marked as paid by staff (payments.succeeded).' },
    PAYMENT_CAPTURED: { description: 'Part or all of an authorization was captured (payments.captured).' },
    AUTHORIZATION_VOIDED: { description: 'An authorization was released (payments.voided).' },
    RETURN_REQUESTED: { description: 'requestReturn: the shopper or the staff asked to return delivered units.' },
    RETURN_APPROVED: { description: 'approveReturn: the staff accepted a return.' },
    RETURN_REJECTED: { description: 'rejectReturn: the staff refused a return, with the reason.' },
    RETURN_RECEIVED: { description: 'markReturnReceived: the returned units are back with the store.' },
    RETURN_REFUND_REQUESTED: { description: 'refundReturn: the staff asked for the refund of a received return.' },
    RETURN_REFUNDED: { description: 'The refund of a return succeeded: the return is REFUNDED.' },
    RETURN_CLOSED: { description: 'closeReturn: the staff closed a return without a refund.' },
  },
});

registerEnumType(OrderAuditActorKind, {
  name: 'OrderAuditActorKind',
  description: 'Who did something to an order.',
  valuesConfig: {
    STAFF: { description: 'A member of the store’s staff (or a platform admin).' },
    CUSTOMER: { description: 'The order’s shopper (a guest has no user id).' },
    SYSTEM: { description: 'The platform or a carrier, with no person behind it.' },
    APP: { description: 'An app acting with an API key.' },
  },
});
