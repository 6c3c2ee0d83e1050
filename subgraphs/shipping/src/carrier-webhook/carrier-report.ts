import { ShipmentStatus } from '../shipment/shipment-status';
import type { CarrierTrackingUpdate } from '../carrier/carrier-provider';

/** A carrier's tracking report as the webhook reads it. */
export interface CarrierReport {
  /** The carrier's name as shipments carry it (`carrierName`, case-insensitive), e.g. "UPS". */
  carrier: string;
  updates: CarrierTrackingUpdate[];
}

/** At most this many updates per request. */
export const MAX_UPDATES_PER_REPORT = 100;

const STATUSES = new Set<string>(Object.values(ShipmentStatus));

/** The carrier a report names (it picks the secret the signature is checked with), or null; nothing else is read before that check. */
export function reportedCarrier(body: Buffer): string | null {
  try {
    const { carrier } = (JSON.parse(body.toString('utf8')) ?? {}) as { carrier?: unknown };
    return typeof carrier === 'string' && carrier.trim().length > 0 ? carrier.trim().toUpperCase() : null;
  } catch {
    return null;
  }
}

/** Reads `{ carrier, updates: [{ trackingNumber, status, message?, occurredAt }] }`; anything else is the problem, in words. */
export function readCarrierReport(body: Buffer): CarrierReport | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the body is not JSON';
  }
  const { carrier, updates } = (parsed ?? {}) as { carrier?: unknown; updates?: unknown };
  if (typeof carrier !== 'string' || carrier.trim().length === 0 || carrier.length > 100) return 'carrier must be a carrier name';
  if (!Array.isArray(updates) || updates.length === 0 || updates.length > MAX_UPDATES_PER_REPORT) {
    return `updates must list 1 to ${MAX_UPDATES_PER_REPORT} updates`;
  }
  const read: CarrierTrackingUpdate[] = [];
  for (const [index, update] of (updates as Record<string, unknown>[]).entries()) {
    const { trackingNumber, status, message, occurredAt } = update ?? {};
    const at = typeof occurredAt === 'string' ? new Date(occurredAt) : null;
    if (typeof trackingNumber !== 'string' || trackingNumber.trim().length === 0 || trackingNumber.length > 100)
      return `updates[${index}].trackingNumber is missing`;
    if (typeof status !== 'string' || !STATUSES.has(status)) return `updates[${index}].status must be a ShipmentStatus`;
    if (message !== undefined && message !== null && (typeof message !== 'string' || message.length > 500))
      return `updates[${index}].message must be text of at most 500 characters`;
    if (!at || Number.isNaN(at.getTime())) return `updates[${index}].occurredAt must be an ISO 8601 time`;
    read.push({
      trackingNumber: trackingNumber.trim(),
      status: status as ShipmentStatus,
      message: (message as string | undefined)?.trim() || null,
      occurredAt: at,
    });
  }
  return { carrier: carrier.trim(), updates: read };
}
