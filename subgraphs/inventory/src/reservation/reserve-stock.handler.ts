import { returnedRows, type EventHandler, type Tx } from '@ultramarket/kit';
import { storeOfEvent } from '../store-of-event';
import { emitStockChange, inEventOrder, RETURNING_STOCK, updateStock, type StockRow } from '../stock/stock-row';
import { allocate } from './allocate';
import { ReservationEvents, ReservationStatus, type HeldUnits, type OrderLine, type ReservedLine } from './reservation.events';
import type { ReservationConfig } from './reservation-config';

interface OrderCreated {
  orderId: string;
  orderNumber: string;
  /** The shopper's user id; null for a guest's order. */
  customerId?: string | null;
  lines: OrderLine[];
}

/** A line by variant (a line without one is its product's default variant, whose id is the product's); repeated variants merged. */
interface VariantLine {
  productId: string;
  variantId: string;
  quantity: number;
}

interface LockedItem {
  variant_id: string;
  location_id: string;
  available: number;
  active: boolean;
  priority: number;
  location_created_at: Date;
}

/** A guest's order (no customer; an event without the field counts as one) is held for the guest TTL, never longer than anyone's. */
function ttlOf(config: ReservationConfig, order: OrderCreated): number {
  return order.customerId ? config.ttlSeconds : Math.min(config.guestTtlSeconds, config.ttlSeconds);
}

function byVariant(lines: OrderLine[]): VariantLine[] {
  const merged = new Map<string, VariantLine>();
  for (const line of lines) {
    const variantId = line.variantId ?? line.productId;
    const earlier = merged.get(variantId);
    merged.set(variantId, { productId: line.productId, variantId, quantity: (earlier?.quantity ?? 0) + line.quantity });
  }
  return [...merged.values()].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
}

/**
 * Where every line's units come from, or the variants that cannot be had. Every item of the order's
 * tracked variants is locked first, in (variant id, location id) order in one statement, so
 * concurrent orders never deadlock and what is read here cannot change before it is written. A
 * variant catalog no longer lists, or one the store keeps no stock of, cannot be had; one that does
 * not track inventory is always had, from nowhere.
 */
async function plan(tx: Tx, storeId: string, lines: VariantLine[]): Promise<{ reserved: ReservedLine[]; short: VariantLine[] }> {
  const variantIds = lines.map((line) => line.variantId);
  const known: { variant_id: string; track_inventory: boolean; listed: boolean }[] = await tx.manager.query(
    `SELECT variant_id, track_inventory, listed FROM catalog_variant WHERE store_id = $1 AND variant_id = ANY($2::uuid[])`,
    [storeId, variantIds],
  );
  const catalog = new Map(known.map((row) => [row.variant_id, row]));
  const tracked = variantIds.filter((id) => catalog.get(id)?.track_inventory !== false);
  const locked: LockedItem[] =
    tracked.length === 0
      ? []
      : await tx.manager.query(
          `SELECT i.variant_id, i.location_id, i.on_hand - i.reserved AS available, l.active, l.priority, l.created_at AS location_created_at
             FROM inventory_item i JOIN location l ON l.id = i.location_id
            WHERE i.store_id = $1 AND i.variant_id = ANY($2::uuid[])
            ORDER BY i.variant_id, i.location_id FOR UPDATE OF i`,
          [storeId, tracked],
        );
  const reserved: ReservedLine[] = [];
  const short: VariantLine[] = [];
  for (const line of lines) {
    const variant = catalog.get(line.variantId);
    if (variant && !variant.listed) {
      short.push(line);
      continue;
    }
    if (variant && !variant.track_inventory) {
      reserved.push({ ...line, allocations: [] });
      continue;
    }
    const candidates = locked
      .filter((item) => item.variant_id === line.variantId && item.active)
      .map((item) => ({
        locationId: item.location_id,
        available: item.available,
        priority: item.priority,
        locationCreatedAt: new Date(item.location_created_at),
      }));
    const allocations = allocate(line.quantity, candidates);
    if (allocations) reserved.push({ ...line, allocations });
    else short.push(line);
  }
  return { reserved, short };
}

/** Holds `units` at their location if that many are available: one conditional UPDATE on a row already locked. */
function holdUnits(tx: Tx, storeId: string, units: HeldUnits): Promise<StockRow | null> {
  return updateStock(
    tx.manager,
    `UPDATE inventory_item SET reserved = reserved + $3, version = version + 1, updated_at = now()
      WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 AND on_hand - reserved >= $3 ${RETURNING_STOCK}`,
    [units.variantId, units.locationId, units.quantity, storeId],
  );
}

/**
 * orders.created → every line reserved, or none. Lines are by variant; each line's units come from
 * locations chosen by the location rule (allocate.ts), planned with every item locked in (variant,
 * location) order; then the units are held inside a savepoint (an order held at one place needs none),
 * and a hold that fails after all rolls the others back. The lines (one row per variant and location)
 * and the RESERVED status are written in one statement; inventory.reserved names each line's
 * allocations, which commit, release and expiry use. A guest's reservation lapses sooner than a
 * signed-in shopper's (`guestTtlSeconds`).
 */
export function reserveStockOnOrderCreated(config: ReservationConfig): EventHandler<OrderCreated> {
  return {
    name: 'inventory-reserve-order',
    eventType: 'orders.created',
    async handle(event, tx) {
      const { orderId, orderNumber } = event.data;
      const storeId = storeOfEvent(event);
      // a reservation row already there means the order was cancelled first (a tombstone) or handled
      const created: { id: string }[] = await tx.manager.query(
        `INSERT INTO reservation (order_id, store_id, status, expires_at, correlation_id)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5) ON CONFLICT (order_id) DO NOTHING RETURNING id`,
        [orderId, storeId, ReservationStatus.PENDING, ttlOf(config, event.data), event.correlationId],
      );
      if (created.length === 0) return;
      const reservationId = created[0].id;
      const lines = byVariant(event.data.lines);

      const failed = async (short: VariantLine[]) => {
        await tx.manager.query(`UPDATE reservation SET status = $3, updated_at = now() WHERE id = $1 AND store_id = $2`, [
          reservationId,
          storeId,
          ReservationStatus.FAILED,
        ]);
        const productIds = [...new Set(short.map((line) => line.productId))];
        const variantIds = short.map((line) => line.variantId);
        const reason = `Not enough stock for ${variantIds.length === 1 ? 'variant' : 'variants'} ${variantIds.join(', ')}`;
        await tx.emit({ type: ReservationEvents.reservationFailed, storeId, aggregateId: orderId, data: { orderId, reason, productIds, variantIds } });
      };

      const { reserved, short } = await plan(tx, storeId, lines);
      if (short.length > 0) return failed(short);

      const held: HeldUnits[] = reserved.flatMap((line) =>
        line.allocations.map((allocation) => ({
          productId: line.productId,
          variantId: line.variantId,
          locationId: allocation.locationId,
          quantity: allocation.quantity,
        })),
      );
      // several holds are all or none: a savepoint to undo the first ones should a later one fail (one hold needs none)
      const atomic = held.length > 1;
      if (atomic) await tx.manager.query('SAVEPOINT reserve_lines');
      const changes: { row: StockRow; units: HeldUnits }[] = [];
      for (const units of held) {
        const row = await holdUnits(tx, storeId, units);
        if (!row) {
          if (atomic) await tx.manager.query('ROLLBACK TO SAVEPOINT reserve_lines');
          return failed(lines.filter((line) => line.variantId === units.variantId));
        }
        changes.push({ row, units });
      }
      if (atomic) await tx.manager.query('RELEASE SAVEPOINT reserve_lines');
      // the lines and the reservation's new status in one statement
      const [{ expires_at: expiresAt }] = await returnedRows<{ expires_at: Date }>(
        tx.manager,
        `WITH added AS (
           INSERT INTO reservation_line (reservation_id, store_id, product_id, variant_id, location_id, quantity)
           SELECT $1::uuid, $2::uuid, line.product_id, line.variant_id, line.location_id, line.quantity
             FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::int[]) AS line (product_id, variant_id, location_id, quantity)
         )
         UPDATE reservation SET status = $3, updated_at = now() WHERE id = $1 AND store_id = $2 RETURNING expires_at`,
        [
          reservationId,
          storeId,
          ReservationStatus.RESERVED,
          held.map((units) => units.productId),
          held.map((units) => units.variantId),
          held.map((units) => units.locationId),
          held.map((units) => units.quantity),
        ],
      );
      for (const { row, units } of inEventOrder(changes)) {
        await emitStockChange(tx, row, {
          delta: -units.quantity,
          reason: `reserved for order ${orderNumber}`,
          availableBefore: row.onHand - row.reserved + units.quantity,
        });
      }
      await tx.emit({
        type: ReservationEvents.reserved,
        storeId,
        aggregateId: orderId,
        data: { orderId, expiresAt: new Date(expiresAt).toISOString(), lines: reserved },
      });
    },
  };
}
