import { acceptsStaffChanges, managesStore, Role, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';
import { StockAdjustment } from './stock-adjustment.entity';
import { AdjustStockPayload, type AdjustStockInput } from './adjust-stock.inputs';
import { emitStockChange, RETURNING_STOCK, updateStock } from './stock-row';

/** A concurrent request with the same idempotency key committed first: answer with its outcome. */
class ConcurrentReplay extends Error {}

/**
 * Changes on-hand stock with one conditional UPDATE (never read-then-write), so concurrent
 * adjustments and reservations can never take available stock below zero. The staff of a store the
 * platform has SUSPENDED or CLOSED change nothing (STORE_UNAVAILABLE); platform admins still may.
 */
export async function adjustStock(context: SubgraphContext, input: AdjustStockInput): Promise<AdjustStockPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return AdjustStockPayload.failed(UserError.of('STORE_REQUIRED', 'Act for a store to adjust its stock'));
  if (!context.caller.roles.includes(Role.PLATFORM_ADMIN)) {
    const status = await context.storeStatuses.of(storeId);
    if (!acceptsStaffChanges(status)) {
      return AdjustStockPayload.failed(UserError.of('STORE_UNAVAILABLE', `This store is ${status}: its staff can read its stock but not change it`));
    }
  }
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
  const item = await items.findOneBy({ productId: input.productId, storeId });
  if (!item || !managesStore(context.caller, item.storeId)) {
    return AdjustStockPayload.failed(UserError.of('NOT_FOUND', 'No stock is kept for this product in your store', ['input', 'productId']));
  }
  const row = await updateStock(
    tx.manager,
    `UPDATE inventory_item SET on_hand = on_hand + $2, version = version + 1, updated_at = now()
      WHERE product_id = $1 AND store_id = $3 AND on_hand + $2 >= reserved ${RETURNING_STOCK}`,
    [input.productId, input.delta, storeId],
  );
  if (!row) {
    return AdjustStockPayload.failed(UserError.of('INSUFFICIENT_STOCK', `Only ${item.available} units are available to remove`, ['input', 'delta']));
  }
  const recorded: unknown[] = await tx.manager.query(
    `INSERT INTO stock_adjustment (store_id, product_id, delta, reason, idempotency_key) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (store_id, idempotency_key) DO NOTHING RETURNING id`,
    [item.storeId, item.productId, input.delta, input.reason, input.idempotencyKey],
  );
  if (recorded.length === 0) throw new ConcurrentReplay();

  await emitStockChange(tx, row, { delta: input.delta, reason: input.reason, availableBefore: row.onHand - input.delta - row.reserved });
  Object.assign(item, { onHand: row.onHand, reserved: row.reserved, version: row.version, updatedAt: new Date() });
  return AdjustStockPayload.ok(item);
}

/** The answer to a repeated request: the stock as it is now, or an error if the key was used for another change. */
async function replay(context: SubgraphContext, storeId: string, input: AdjustStockInput, earlier?: StockAdjustment): Promise<AdjustStockPayload> {
  return context.storeDb.read(async (manager) => {
    const adjustment = earlier ?? (await manager.getRepository(StockAdjustment).findOneByOrFail({ storeId, idempotencyKey: input.idempotencyKey }));
    if (adjustment.productId !== input.productId || adjustment.delta !== input.delta) {
      return AdjustStockPayload.failed(
        UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different adjustment', ['input', 'idempotencyKey']),
      );
    }
    const item = await manager.getRepository(InventoryItem).findOneByOrFail({ productId: adjustment.productId, storeId });
    return AdjustStockPayload.ok(item);
  });
}
