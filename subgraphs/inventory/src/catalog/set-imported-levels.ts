import { returnedRows, RetryableEventError, type Logger, type Tx } from '@ultramarket/kit';
import { defaultLocationOf } from '../location/default-location';
import { StockChangeKind } from '../stock/stock-adjustment.entity';
import { defaultLowStockThreshold } from '../stock/stock-config';
import { emitStockChange, returningStock, stockRowOf } from '../stock/stock-row';

/** One variant's on-hand as a catalog CSV import gives it. */
export interface ImportedLevel {
  variantId: string;
  onHand: number;
}

export const IMPORT_REASON = 'CSV import';

/** The idempotency key of one level of one catalog.inventory-imported event. */
export const importKey = (eventId: string, variantId: string) => `import:${eventId}:${variantId}`;

/**
 * Sets the on-hand of an import's variants at the store's default location, as setStock would for each
 * (a stock_adjustment row keyed `import:<event id>:<variant>` and inventory.stock-changed each, in the
 * levels' order; inventory.low-stock where it falls to the threshold), with one statement per step for
 * all of them rather than a round of statements per variant. A level already recorded (a redelivery) is
 * left alone. A variant inventory has not heard of yet throws RetryableEventError before anything is
 * written; a level below the units held for orders is skipped with a warning, the others still set.
 */
export async function setImportedLevels(tx: Tx, storeId: string, eventId: string, levels: ImportedLevel[], logger?: Logger): Promise<void> {
  const manager = tx.manager;
  const recorded: { idempotency_key: string }[] = await manager.query(
    `SELECT idempotency_key FROM stock_adjustment WHERE store_id = $1 AND idempotency_key = ANY($2::text[])`,
    [storeId, levels.map((level) => importKey(eventId, level.variantId))],
  );
  const done = new Set(recorded.map((row) => row.idempotency_key));
  const todo = levels.filter((level) => !done.has(importKey(eventId, level.variantId)));
  if (todo.length === 0) return;
  const variantIds = todo.map((level) => level.variantId);
  const known: { variant_id: string; product_id: string }[] = await manager.query(
    `SELECT variant_id, product_id FROM catalog_variant WHERE store_id = $1 AND variant_id = ANY($2::uuid[])
     UNION SELECT variant_id, product_id FROM inventory_item WHERE store_id = $1 AND variant_id = ANY($2::uuid[])`,
    [storeId, variantIds],
  );
  const productOf = new Map(known.map((row) => [row.variant_id, row.product_id]));
  const unknown = variantIds.find((variantId) => !productOf.has(variantId));
  if (unknown) throw new RetryableEventError(`variant ${unknown} is not known to inventory yet`);

  const locationId = await defaultLocationOf(manager, storeId);
  await manager.query(
    `INSERT INTO inventory_item (product_id, variant_id, location_id, store_id, on_hand, reserved, low_stock_threshold)
     SELECT product_id, variant_id, $2, $1, 0, 0, $3 FROM unnest($4::uuid[], $5::uuid[]) AS v(product_id, variant_id)
     ON CONFLICT (variant_id, location_id) DO NOTHING`,
    [storeId, locationId, defaultLowStockThreshold(), variantIds.map((variantId) => productOf.get(variantId)), variantIds],
  );
  // the items locked and their on-hand read by the (variant, location) index, then one conditional UPDATE by id for all of
  // them (a join of the table with the levels' list would be planned as a scan of every item of the database)
  const locked: { id: string; variant_id: string; on_hand: number }[] = await manager.query(
    `SELECT id, variant_id, on_hand FROM inventory_item WHERE variant_id = ANY($1::uuid[]) AND location_id = $2 AND store_id = $3 FOR UPDATE`,
    [variantIds, locationId, storeId],
  );
  const setTo = new Map(todo.map((level) => [level.variantId, level.onHand]));
  const onHandBefore = new Map(locked.map((item) => [item.variant_id, Number(item.on_hand)]));
  // a level below the item's reserved units is left out
  const updated = await returnedRows<Record<string, string & number>>(
    manager,
    `UPDATE inventory_item i SET on_hand = x.set_to, version = i.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS x(id, set_to)
      WHERE i.id = ANY($1::uuid[]) AND i.id = x.id AND x.set_to >= i.reserved
      ${returningStock('i')}, i.low_stock_threshold AS threshold_before`,
    [locked.map((item) => item.id), locked.map((item) => setTo.get(item.variant_id))],
  );
  const byVariant = new Map(updated.map((returned) => [String(returned.variant_id), returned]));
  const changes = todo.flatMap((level) => {
    const returned = byVariant.get(level.variantId);
    if (returned) return [{ level, returned, row: stockRowOf(returned) }];
    logger?.warn({ variantId: level.variantId, onHand: level.onHand }, 'imported on-hand is below the reserved units: refused; the variant keeps its stock');
    return [];
  });
  if (changes.length === 0) return;
  const inserted: unknown[] = await manager.query(
    `INSERT INTO stock_adjustment (store_id, product_id, variant_id, location_id, kind, delta, set_to, reason, idempotency_key)
     SELECT $1, product_id, variant_id, $2, $3, delta, set_to, $4, idempotency_key
       FROM unnest($5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::text[]) AS a(product_id, variant_id, delta, set_to, idempotency_key)
     ON CONFLICT (store_id, idempotency_key) DO NOTHING RETURNING id`,
    [
      storeId,
      locationId,
      StockChangeKind.SET,
      IMPORT_REASON,
      changes.map(({ row }) => row.productId),
      changes.map(({ row }) => row.variantId),
      changes.map(({ row }) => row.onHand - onHandBefore.get(row.variantId)!),
      changes.map(({ level }) => level.onHand),
      changes.map(({ level }) => importKey(eventId, level.variantId)),
    ],
  );
  // another delivery of this event recorded some of them meanwhile: start again, it then skips them
  if (inserted.length !== changes.length) throw new RetryableEventError('another delivery of this import is setting the same stock');
  for (const { row, returned } of changes) {
    const before = onHandBefore.get(row.variantId)!;
    await emitStockChange(tx, row, {
      delta: row.onHand - before,
      reason: IMPORT_REASON,
      availableBefore: before - row.reserved,
      thresholdBefore: Number(returned.threshold_before),
    });
  }
}
