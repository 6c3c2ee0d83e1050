import type { EntityManager } from 'typeorm';
import { returnedRows, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';
import { StockAdjustment, StockChangeKind } from './stock-adjustment.entity';
import { emitStockChange, RETURNING_STOCK, returningStock, stockRowOf, type StockRow } from './stock-row';
import { ensureItem, resolveItem, type ItemRef, type ResolvedItem } from './item-ref';
import { staffStore } from './staff-store';
import { Refusal } from './refusal';
import { defaultLowStockThreshold } from './stock-config';

/** A concurrent request with the same idempotency key committed first: answer with its outcome. */
class ConcurrentReplay extends Error {}

/** One change of one item, as adjustStock, setStock, setIncomingStock and setLowStockThreshold ask for it. */
export interface ItemChange {
  kind: StockChangeKind.ADJUST | StockChangeKind.SET | StockChangeKind.INCOMING | StockChangeKind.THRESHOLD;
  ref: ItemRef;
  /** The delta (ADJUST) or the value to set. */
  value: number;
  reason: string;
  idempotencyKey: string;
}

export type ItemOutcome = { item: InventoryItem } | { error: UserError };

/** The conditional UPDATE of each kind: one statement, never read-then-write; null when the condition fails. */
const UPDATES: Record<ItemChange['kind'], string> = {
  [StockChangeKind.ADJUST]: `UPDATE inventory_item SET on_hand = on_hand + $3, version = version + 1, updated_at = now()
      WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 AND on_hand + $3 >= reserved ${RETURNING_STOCK}, on_hand - $3 AS on_hand_before, low_stock_threshold AS threshold_before`,
  [StockChangeKind.SET]: `UPDATE inventory_item i SET on_hand = $3, version = i.version + 1, updated_at = now()
      FROM (SELECT id, on_hand FROM inventory_item WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 FOR UPDATE) before
      WHERE i.id = before.id AND $3 >= i.reserved
      ${returningStock('i')}, before.on_hand AS on_hand_before, i.low_stock_threshold AS threshold_before`,
  [StockChangeKind.INCOMING]: `UPDATE inventory_item SET incoming = $3, version = version + 1, updated_at = now()
      WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 ${RETURNING_STOCK}, on_hand AS on_hand_before, low_stock_threshold AS threshold_before`,
  [StockChangeKind.THRESHOLD]: `UPDATE inventory_item i SET low_stock_threshold = $3, version = i.version + 1, updated_at = now()
      FROM (SELECT id, low_stock_threshold FROM inventory_item WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 FOR UPDATE) before
      WHERE i.id = before.id
      ${returningStock('i')}, i.on_hand AS on_hand_before, before.low_stock_threshold AS threshold_before`,
};

/**
 * Changes one item (a variant at a location, the default location when none is named; the item is
 * created when the variant is first stocked there) with one conditional UPDATE, so concurrent changes
 * and reservations never take available stock below zero (INSUFFICIENT_STOCK). Writes its
 * stock_adjustment row and publishes inventory.stock-changed (inventory.low-stock when the item falls
 * to its threshold) in the same transaction. A repeated idempotency key answers with the item as it
 * is now, or IDEMPOTENCY_KEY_REUSED when the key was used for another change.
 */
export async function changeItem(context: SubgraphContext, change: ItemChange): Promise<ItemOutcome> {
  const store = await staffStore(context, 'stock');
  if ('error' in store) return store;
  try {
    return await context.unitOfWork.run(traceOf(context), (tx) => changeInTransaction(tx, store.storeId, change));
  } catch (error) {
    if (error instanceof ConcurrentReplay) return context.storeDb.read((manager) => replay(manager, store.storeId, change));
    if (error instanceof Refusal) return { error: error.userError };
    throw error;
  }
}

/** The same change inside a transaction the caller opened (a consumer's: catalog's CSV stock import); a refusal is thrown as a Refusal. */
export async function changeInTransaction(tx: Tx, storeId: string, change: ItemChange): Promise<ItemOutcome> {
  const earlier = await tx.manager.getRepository(StockAdjustment).findOneBy({ storeId, idempotencyKey: change.idempotencyKey });
  if (earlier) return replay(tx.manager, storeId, change, earlier);

  const target = await resolveItem(tx.manager, storeId, change.ref);
  if (target instanceof UserError) throw new Refusal(target);
  await ensureItem(tx.manager, storeId, target, defaultLowStockThreshold());

  const [returned] = await returnedRows<Record<string, string & number>>(tx.manager, UPDATES[change.kind], [
    target.variantId,
    target.locationId,
    change.value,
    storeId,
  ]);
  if (!returned) {
    // only ADJUST and SET have a condition that can fail: the units held for orders
    const held = await heldAt(tx.manager, storeId, target);
    throw new Refusal(
      change.kind === StockChangeKind.SET
        ? UserError.of('INSUFFICIENT_STOCK', `${held.reserved} units are held for orders: on hand cannot go below them`, ['input', 'onHand'])
        : UserError.of('INSUFFICIENT_STOCK', `Only ${held.available} units are available to remove`, ['input', 'delta']),
    );
  }
  const row: StockRow = stockRowOf(returned);
  const onHandBefore = Number(returned.on_hand_before);
  const delta = row.onHand - onHandBefore;
  const recorded: unknown[] = await tx.manager.query(
    `INSERT INTO stock_adjustment (store_id, product_id, variant_id, location_id, kind, delta, set_to, reason, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (store_id, idempotency_key) DO NOTHING RETURNING id`,
    [
      storeId,
      target.productId,
      target.variantId,
      target.locationId,
      change.kind,
      delta,
      change.kind === StockChangeKind.ADJUST ? null : change.value,
      change.reason,
      change.idempotencyKey,
    ],
  );
  if (recorded.length === 0) throw new ConcurrentReplay();

  await emitStockChange(tx, row, {
    delta,
    reason: change.reason,
    availableBefore: onHandBefore - row.reserved,
    thresholdBefore: Number(returned.threshold_before),
  });
  return { item: await tx.manager.getRepository(InventoryItem).findOneByOrFail({ variantId: target.variantId, locationId: target.locationId, storeId }) };
}

async function heldAt(manager: EntityManager, storeId: string, target: ResolvedItem): Promise<{ reserved: number; available: number }> {
  const [row]: { reserved: number; available: number }[] = await manager.query(
    `SELECT reserved, on_hand - reserved AS available FROM inventory_item WHERE variant_id = $1 AND location_id = $2 AND store_id = $3`,
    [target.variantId, target.locationId, storeId],
  );
  return row ?? { reserved: 0, available: 0 };
}

/** The answer to a repeated request: the item as it is now, or an error if the key was used for another change. */
async function replay(manager: EntityManager, storeId: string, change: ItemChange, earlier?: StockAdjustment): Promise<ItemOutcome> {
  const adjustment = earlier ?? (await manager.getRepository(StockAdjustment).findOneByOrFail({ storeId, idempotencyKey: change.idempotencyKey }));
  const sameItem =
    (change.ref.variantId ? adjustment.variantId === change.ref.variantId : adjustment.productId === change.ref.productId) &&
    (!change.ref.locationId || adjustment.locationId === change.ref.locationId);
  const sameValue = change.kind === StockChangeKind.ADJUST ? adjustment.delta === change.value : adjustment.setTo === change.value;
  if (adjustment.kind !== change.kind || !sameItem || !sameValue) {
    return { error: UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different change', ['input', 'idempotencyKey']) };
  }
  return {
    item: await manager.getRepository(InventoryItem).findOneByOrFail({ variantId: adjustment.variantId, locationId: adjustment.locationId, storeId }),
  };
}
