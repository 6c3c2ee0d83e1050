import { inScope, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import { Shipment } from '../shipment/shipment.entity';
import { applyTrackingUpdate, CLOCK_SKEW_MS } from '../shipment/track-shipment';
import type { CarrierReport } from './carrier-report';

/** What became of one update: applied to these shipments, or why not. */
export interface UpdateOutcome {
  trackingNumber: string;
  applied: number;
  refused: string | null;
}

/**
 * Applies a verified carrier report: each update goes to the shipments of that carrier (by name, case-insensitive)
 * with that tracking number, found across stores (a read), then recorded in the shipment's own store exactly as the
 * staff's `updateShipmentTracking` would (`applyTrackingUpdate`: history, `shipping.tracking-updated`, actor null).
 * An update the status table forbids (a repeat of DELIVERED) or for no known parcel changes nothing.
 */
export async function applyCarrierReport(runtime: SubgraphRuntime, report: CarrierReport, correlationId: string): Promise<UpdateOutcome[]> {
  const outcomes: UpdateOutcome[] = [];
  for (const update of report.updates) {
    if (update.occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      outcomes.push({ trackingNumber: update.trackingNumber, applied: 0, refused: 'occurredAt is in the future' });
      continue;
    }
    const found: { id: string; store_id: string }[] = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
      manager.query(`SELECT id, store_id FROM shipment WHERE upper(carrier_name) = upper($1) AND tracking_number = $2 ORDER BY created_at`, [
        report.carrier,
        update.trackingNumber,
      ]),
    );
    let applied = 0;
    let refused: string | null = found.length === 0 ? 'no such parcel' : null;
    for (const { id, store_id: storeId } of found) {
      const result = await runtime.unitOfWork.forScope(storeId).run({ correlationId, causationId: null }, async (tx) => {
        const shipment = await tx.manager.getRepository(Shipment).findOne({ where: { id, storeId }, lock: { mode: 'pessimistic_write' } });
        return shipment ? applyTrackingUpdate(tx, shipment, { status: update.status, message: update.message, occurredAt: update.occurredAt }, null) : null;
      });
      if (result instanceof Shipment) applied += 1;
      else if (result) refused = result.message;
    }
    outcomes.push({ trackingNumber: update.trackingNumber, applied, refused: applied > 0 ? null : refused });
  }
  return outcomes;
}
