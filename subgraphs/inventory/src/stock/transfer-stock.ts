import type { EntityManager } from 'typeorm';
import { traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';
import { StockChangeKind } from './stock-adjustment.entity';
import { emitStockChange, inEventOrder, RETURNING_STOCK, updateStock, type StockRow } from './stock-row';
import { ensureItem, locationOf, resolveItem } from './item-ref';
import { staffStore } from './staff-store';
import { Refusal } from './refusal';
import { defaultLowStockThreshold } from './stock-config';
import { StockTransfer, TransferStockPayload, type TransferStockInput } from './transfer-stock.inputs';

/** A concurrent request with the same idempotency key committed first: answer with its outcome. */
class ConcurrentReplay extends Error {}

interface TransferRow {
  id: string;
  variant_id: string;
  from_location_id: string;
  to_location_id: string;
  quantity: number;
  reason: string;
  created_at: Date;
}

/**
 * Moves units of one variant between two locations of the caller's store in one transaction: both
 * items are locked in the fixed order (variant, location) every multi-row change uses, so transfers and
 * reservations never deadlock; the source never goes below its reserved units (INSUFFICIENT_STOCK, and
 * nothing is written); a stock_transfer row and an adjustment on each side log it, and each side
 * publishes inventory.stock-changed. A repeated idempotency key answers with the first transfer.
 */
export async function transferStock(context: SubgraphContext, input: TransferStockInput): Promise<TransferStockPayload> {
  const store = await staffStore(context, 'stock');
  if ('error' in store) return TransferStockPayload.failed(store.error);
  if (input.fromLocationId === input.toLocationId) {
    return TransferStockPayload.failed(UserError.of('SAME_LOCATION', 'A transfer moves stock between two different locations', ['input', 'toLocationId']));
  }
  try {
    return await context.unitOfWork.run(traceOf(context), (tx) => transferInTransaction(tx, store.storeId, input));
  } catch (error) {
    if (error instanceof ConcurrentReplay) return context.storeDb.read((manager) => replay(manager, store.storeId, input));
    if (error instanceof Refusal) return TransferStockPayload.failed(error.userError);
    throw error;
  }
}

async function transferInTransaction(tx: Tx, storeId: string, input: TransferStockInput): Promise<TransferStockPayload> {
  const [earlier]: unknown[] = await tx.manager.query(`SELECT 1 FROM stock_transfer WHERE store_id = $1 AND idempotency_key = $2`, [
    storeId,
    input.idempotencyKey,
  ]);
  if (earlier) return replay(tx.manager, storeId, input);

  const source = await resolveItem(tx.manager, storeId, { variantId: input.variantId, locationId: input.fromLocationId }, 'fromLocationId');
  if (source instanceof UserError) throw new Refusal(source);
  if (!(await locationOf(tx.manager, storeId, input.toLocationId))) {
    throw new Refusal(UserError.of('NOT_FOUND', 'No such location in your store', ['input', 'toLocationId']));
  }
  const target = { ...source, locationId: input.toLocationId };
  await ensureItem(tx.manager, storeId, target, defaultLowStockThreshold());

  // both rows locked in (variant, location) order before either changes
  await tx.manager.query(
    `SELECT id FROM inventory_item WHERE variant_id = $1 AND location_id = ANY($2::uuid[]) AND store_id = $3 ORDER BY location_id FOR UPDATE`,
    [input.variantId, [input.fromLocationId, input.toLocationId], storeId],
  );
  const out = await updateStock(
    tx.manager,
    `UPDATE inventory_item SET on_hand = on_hand - $3, version = version + 1, updated_at = now()
      WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 AND on_hand - reserved >= $3 ${RETURNING_STOCK}`,
    [input.variantId, input.fromLocationId, input.quantity, storeId],
  );
  if (!out) {
    const [held]: { available: number }[] = await tx.manager.query(
      `SELECT on_hand - reserved AS available FROM inventory_item WHERE variant_id = $1 AND location_id = $2 AND store_id = $3`,
      [input.variantId, input.fromLocationId, storeId],
    );
    // nothing was written: the destination's empty item, if it was just created, goes with the rollback
    throw new Refusal(UserError.of('INSUFFICIENT_STOCK', `Only ${held?.available ?? 0} units are available to move from this location`, ['input', 'quantity']));
  }
  const into = (await updateStock(
    tx.manager,
    `UPDATE inventory_item SET on_hand = on_hand + $3, version = version + 1, updated_at = now()
      WHERE variant_id = $1 AND location_id = $2 AND store_id = $4 ${RETURNING_STOCK}`,
    [input.variantId, input.toLocationId, input.quantity, storeId],
  ))!;

  const [transfer]: TransferRow[] = await tx.manager.query(
    `INSERT INTO stock_transfer (store_id, product_id, variant_id, from_location_id, to_location_id, quantity, reason, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (store_id, idempotency_key) DO NOTHING
     RETURNING id, variant_id, from_location_id, to_location_id, quantity, reason, created_at`,
    [storeId, source.productId, input.variantId, input.fromLocationId, input.toLocationId, input.quantity, input.reason, input.idempotencyKey],
  );
  if (!transfer) throw new ConcurrentReplay();
  await tx.manager.query(
    `INSERT INTO stock_adjustment (store_id, product_id, variant_id, location_id, kind, delta, reason, idempotency_key)
     VALUES ($1, $2, $3, $4, $6, -$8::int, $9, $10 || '/out'), ($1, $2, $3, $5, $7, $8, $9, $10 || '/in')`,
    [
      storeId,
      source.productId,
      input.variantId,
      input.fromLocationId,
      input.toLocationId,
      StockChangeKind.TRANSFER_OUT,
      StockChangeKind.TRANSFER_IN,
      input.quantity,
      input.reason,
      input.idempotencyKey,
    ],
  );
  const reason = `transfer: ${input.reason}`;
  const changes: { row: StockRow; delta: number }[] = [
    { row: out, delta: -input.quantity },
    { row: into, delta: input.quantity },
  ];
  for (const { row, delta } of inEventOrder(changes)) {
    await emitStockChange(tx, row, { delta, reason, availableBefore: row.onHand - row.reserved - delta });
  }
  return TransferStockPayload.ok(transferOf(transfer), ...(await bothItems(tx.manager, storeId, input)));
}

function transferOf(row: TransferRow): StockTransfer {
  return Object.assign(new StockTransfer(), {
    id: row.id,
    variantId: row.variant_id,
    fromLocationId: row.from_location_id,
    toLocationId: row.to_location_id,
    quantity: row.quantity,
    reason: row.reason,
    createdAt: new Date(row.created_at),
  });
}

async function bothItems(manager: EntityManager, storeId: string, transfer: { variantId: string; fromLocationId: string; toLocationId: string }) {
  const items = manager.getRepository(InventoryItem);
  return [
    await items.findOneByOrFail({ storeId, variantId: transfer.variantId, locationId: transfer.fromLocationId }),
    await items.findOneByOrFail({ storeId, variantId: transfer.variantId, locationId: transfer.toLocationId }),
  ] as const;
}

/** The answer to a repeated request: the first transfer and both items as they are now, or an error if the key was used for another transfer. */
async function replay(manager: EntityManager, storeId: string, input: TransferStockInput): Promise<TransferStockPayload> {
  const [row]: TransferRow[] = await manager.query(
    `SELECT id, variant_id, from_location_id, to_location_id, quantity, reason, created_at FROM stock_transfer WHERE store_id = $1 AND idempotency_key = $2`,
    [storeId, input.idempotencyKey],
  );
  const same =
    row.variant_id === input.variantId &&
    row.from_location_id === input.fromLocationId &&
    row.to_location_id === input.toLocationId &&
    row.quantity === input.quantity;
  if (!same) {
    return TransferStockPayload.failed(
      UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different transfer', ['input', 'idempotencyKey']),
    );
  }
  const transfer = transferOf(row);
  return TransferStockPayload.ok(transfer, ...(await bothItems(manager, storeId, transfer)));
}
