import type { Tx } from '@ultramarket/kit';
import { putBackOnHand } from '../stock/put-back-on-hand';
import { inLockOrder } from './reservation-stock';
import { ReservationStatus } from './reservation.events';

/** The cancelled units of one variant spread over the locations its committed reservation took them from, in lock order. */
function unitsBack(committed: { variantId: string; locationId: string; quantity: number }[], variantId: string, cancelled: number) {
  const back: { variantId: string; locationId: string; quantity: number }[] = [];
  let left = cancelled;
  for (const line of committed.filter((candidate) => candidate.variantId === variantId)) {
    if (left === 0) break;
    const quantity = Math.min(line.quantity, left);
    back.push({ variantId, locationId: line.locationId, quantity });
    left -= quantity;
  }
  return back;
}

/**
 * Puts units an order was sold (its reservation COMMITTED: on hand went down) back on hand at the locations the
 * reservation took them from; an order whose reservation was never committed has nothing to give back.
 */
export async function putBackCommitted(
  tx: Tx,
  storeId: string,
  orderId: string,
  lines: readonly { variantId: string; quantity: number }[],
  reason: string,
): Promise<void> {
  const rows: { variant_id: string; location_id: string; quantity: number }[] = await tx.manager.query(
    `SELECT l.variant_id, l.location_id, l.quantity FROM reservation r JOIN reservation_line l ON l.reservation_id = r.id AND l.store_id = r.store_id
      WHERE r.order_id = $1 AND r.store_id = $2 AND r.status = $3`,
    [orderId, storeId, ReservationStatus.COMMITTED],
  );
  const committed = inLockOrder(rows.map((row) => ({ variantId: row.variant_id, locationId: row.location_id, quantity: row.quantity })));
  await putBackOnHand(
    tx,
    storeId,
    lines.flatMap((line) => unitsBack(committed, line.variantId, line.quantity)),
    reason,
  );
}
