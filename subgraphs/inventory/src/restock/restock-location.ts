import type { EntityManager } from 'typeorm';
import { locationOf } from '../stock/item-ref';

/**
 * Where a refunded unit goes back: the location staff chose (when it is one of the store's), else the
 * location that gave most of the order's units of that variant when its reservation was made; null
 * when nothing was ever held for it (an untracked variant: there is no stock to put back).
 */
export async function restockLocationOf(
  manager: EntityManager,
  storeId: string,
  orderId: string,
  variantId: string,
  chosen: string | null,
): Promise<string | null> {
  if (chosen) {
    const location = await locationOf(manager, storeId, chosen);
    if (location) return location;
  }
  const [held]: { location_id: string }[] = await manager.query(
    `SELECT l.location_id FROM reservation_line l JOIN reservation r ON r.id = l.reservation_id
      WHERE r.order_id = $1 AND r.store_id = $2 AND l.variant_id = $3 ORDER BY l.quantity DESC, l.location_id LIMIT 1`,
    [orderId, storeId, variantId],
  );
  return held?.location_id ?? null;
}
