import { managesStore, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';
import { StockAdjustment } from './stock-adjustment.entity';
import { StockEvents, stockEventData } from './stock.events';
import { AdjustStockPayload, type AdjustStockInput } from './adjust-stock.inputs';

/** A concurrent request with the same idempotency key committed first: answer with its outcome. */
class ConcurrentReplay extends Error {}

/**
 * Changes on-hand stock with one conditional UPDATE (never read-then-write), so concurrent
 * adjustments and reservations can never take available stock below zero.
 */
export async function adjustStock(context: SubgraphContext, input: AdjustStockInput): Promise<AdjustStockPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return AdjustStockPayload.failed(UserError.of('STORE_REQUIRED', 'Act for a store to adjust its stock'));
  try {
    return await context.unitOfWork.run(traceOf(context), (tx) => adjustInTransaction(context, tx, storeId, input));
  } catch (error) {
    if (error instanceof ConcurrentReplay) return replay(context, storeId, input);
    throw error;
  }
}

async function adjustInTransaction(context: SubgraphContext, tx: Tx, storeId: string, input: AdjustStockInput): Promise<AdjustStockPayload> {
  const earlier = await tx.manager.getRepository(StockAdjustment).findOneBy({ storeId, idempotencyKey: input.idempotencyKey });
  if (earlier) return replay(context, storeId, input, earlier);

  const items = tx.manager.getRepository(InventoryItem);
  const item = await items.findOneBy({ productId: input.productId });
  if (!item || !managesStore(context.caller, item.storeId)) {
    return AdjustStockPayload.failed(UserError.of('NOT_FOUND', 'No stock is kept for this product in your store', ['input', 'productId']));
  }
  const updated: Record<string, number>[] = await tx.manager.query(
    `UPDATE inventory_item
        SET on_hand = on_hand + $2, version = version + 1, updated_at = now()
      WHERE product_id = $1 AND on_hand + $2 >= reserved
      RETURNING on_hand, reserved, version`,
    [input.productId, input.delta],
  );
  // TypeORM's postgres driver returns [rows, count] for UPDATE … RETURNING
  const row = (Array.isArray(updated[0]) ? updated[0][0] : updated[0]) as Record<string, number> | undefined;
  if (!row) {
    return AdjustStockPayload.failed(UserError.of('INSUFFICIENT_STOCK', `Only ${item.available} units are available to remove`, ['input', 'delta']));
  }
  const availableBefore = item.available;
  Object.assign(item, { onHand: row.on_hand, reserved: row.reserved, version: row.version, updatedAt: new Date() });

  const recorded: unknown[] = await tx.manager.query(
    `INSERT INTO stock_adjustment (store_id, product_id, delta, reason, idempotency_key) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (store_id, idempotency_key) DO NOTHING RETURNING id`,
    [item.storeId, item.productId, input.delta, input.reason, input.idempotencyKey],
  );
  if (recorded.length === 0) throw new ConcurrentReplay();

  const data = stockEventData(item, { delta: input.delta, reason: input.reason });
  await tx.emit({ type: StockEvents.changed, storeId: item.storeId, aggregateId: item.productId, aggregateVersion: item.version, data });
  if (item.available <= item.lowStockThreshold && availableBefore > item.lowStockThreshold) {
    await tx.emit({ type: StockEvents.lowStock, storeId: item.storeId, aggregateId: item.productId, aggregateVersion: item.version, data });
  }
  return AdjustStockPayload.ok(item);
}

/** The answer to a repeated request: the stock as it is now, or an error if the key was used for another product. */
async function replay(context: SubgraphContext, storeId: string, input: AdjustStockInput, earlier?: StockAdjustment): Promise<AdjustStockPayload> {
  const adjustment = earlier ?? (await context.db.getRepository(StockAdjustment).findOneByOrFail({ storeId, idempotencyKey: input.idempotencyKey }));
  if (adjustment.productId !== input.productId || adjustment.delta !== input.delta) {
    return AdjustStockPayload.failed(
      UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different adjustment', ['input', 'idempotencyKey']),
    );
  }
  const item = await context.db.getRepository(InventoryItem).findOneByOrFail({ productId: adjustment.productId });
  return AdjustStockPayload.ok(item);
}
