import { decimalAmount, type EventActor } from '@ultramarket/kit';
import type { AuditDetailValue } from './order-audit-entry.entity';
import { OrderAuditAction } from './order-audit-action';

/** The data of an event the trail records: it names its order and, per the contract, who caused it. */
export type AuditedEventData = Record<string, unknown> & { orderId: string; actor?: EventActor };

/** How the trail words one kind of event: its action, a summary for the staff, and the details worth keeping. */
export interface AuditedEvent {
  action: OrderAuditAction;
  summary(data: AuditedEventData): string;
  details?(data: AuditedEventData): Record<string, AuditDetailValue>;
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');
/** Minor units as the staff read them ("12.50 USD"), with the currency's own decimals. */
const money = (value: unknown): string => {
  const { amount, currencyCode } = (value ?? {}) as { amount?: unknown; currencyCode?: unknown };
  return typeof amount === 'number' && typeof currencyCode === 'string' ? `${decimalAmount({ amount, currencyCode })} ${currencyCode}` : '?';
};
const shipmentDetails = (data: AuditedEventData) => ({
  shipmentId: text(data.shipmentId),
  carrier: text(data.carrier),
  trackingNumber: text(data.trackingNumber),
  status: text(data.status),
});

/**
 * Events of other subgraphs that land in an order's audit trail, by subject: adding one is one line here (and
 * its OrderAuditAction value). Each subject gets its durable consumer `orders-audit-<subject>`
 * (audit-event.handlers.ts); the event's `data.actor` says who acted (null: the platform or a carrier).
 */
export const AUDITED_EVENTS: Readonly<Record<string, AuditedEvent>> = {
  'shipping.shipment-created': {
    action: OrderAuditAction.SHIPMENT_CREATED,
    summary: (data) => `Shipment created with ${text(data.carrier)} (${text(data.trackingNumber)})`,
    details: shipmentDetails,
  },
  'shipping.tracking-updated': {
    action: OrderAuditAction.TRACKING_UPDATED,
    summary: (data) => `Shipment ${text(data.trackingNumber)} is now ${text(data.status)}`,
    details: (data) => ({ ...shipmentDetails(data), message: typeof data.message === 'string' ? data.message : null }),
  },
  'orders.remainder-cancelled': {
    action: OrderAuditAction.REMAINDER_CANCELLED,
    summary: (data) => `Unshipped remainder cancelled (${money(data.value)})`,
    details: (data) => ({ value: money(data.value), reason: typeof data.reason === 'string' ? data.reason : null }),
  },
  'orders.refund-requested': {
    action: OrderAuditAction.REFUND_REQUESTED,
    summary: (data) => `Refund of ${money(data.amount)} requested${Number(data.attempt) > 1 ? ` (attempt ${text(data.attempt)})` : ''}`,
    details: (data) => ({ refundId: text(data.refundId), amount: money(data.amount), reason: typeof data.reason === 'string' ? data.reason : null }),
  },
  'payments.refunded': {
    action: OrderAuditAction.REFUND_SUCCEEDED,
    summary: (data) => `Refunded ${money(data.amount)}`,
    details: (data) => ({ paymentId: text(data.paymentId), refundId: data.refundId ? text(data.refundId) : null }),
  },
  'payments.refund-failed': {
    action: OrderAuditAction.REFUND_FAILED,
    summary: (data) => `Refund of ${money(data.amount)} failed after ${text(data.attempts)} attempts: ${text(data.message)}`,
    details: (data) => ({ refundId: text(data.refundId), errorCode: text(data.errorCode) }),
  },
  'payments.succeeded': {
    action: OrderAuditAction.PAYMENT_RECEIVED,
    // a person acting on a payment is staff marking a manual payment paid (markOrderAsPaid); otherwise the provider said so
    summary: (data) =>
      data.actor ? `Marked as paid (${money(data.amount)}, reference ${text(data.providerReference)})` : `Paid ${money(data.amount)} (${text(data.provider)})`,
    details: (data) => ({
      paymentId: text(data.paymentId),
      provider: text(data.provider),
      reference: data.providerReference ? text(data.providerReference) : null,
    }),
  },
  'payments.captured': {
    action: OrderAuditAction.PAYMENT_CAPTURED,
    summary: (data) => `Captured ${money(data.amount)} (${money(data.capturedTotal)} of ${money(data.authorized)})`,
    details: (data) => ({ paymentId: text(data.paymentId), final: data.final === true }),
  },
  'payments.voided': {
    action: OrderAuditAction.AUTHORIZATION_VOIDED,
    summary: (data) => `Authorization voided (${money(data.released)} released): ${text(data.reason)}`,
    details: (data) => ({ paymentId: text(data.paymentId) }),
  },
};
