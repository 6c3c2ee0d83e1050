import type { AuditDetailValue } from './order-audit-entry.entity';
import { OrderAuditAction } from './order-audit-action';

/** The data of an event the trail records: it names its order and, per the contract, who caused it. */
export type AuditedEventData = Record<string, unknown> & { orderId: string; actor?: { userId: string } | null };

/** How the trail words one kind of event: its action, a summary for the staff, and the details worth keeping. */
export interface AuditedEvent {
  action: OrderAuditAction;
  summary(data: AuditedEventData): string;
  details?(data: AuditedEventData): Record<string, AuditDetailValue>;
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');
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
};
