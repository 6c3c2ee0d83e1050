import { returnedRows, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { emitProgress } from './bulk-worker';
import { STORE_REQUIRED } from '../product/product-tx';
import { BulkOperation, BulkOperationKind, BulkOperationStatus } from './bulk-operation.entity';
import { type BulkOperationPayload } from './bulk.payloads';
import type { AppendProductImportPartInput, CancelBulkOperationInput, StartProductExportInput, StartProductImportInput } from './bulk.inputs';

const JOB_KEY_REUSED = (kind: BulkOperationKind) =>
  UserError.of('JOB_KEY_REUSED', `This job key already started an ${kind.toLowerCase()} with other input; use a new key`, ['input', 'jobKey']);

/**
 * Queues an import or export under the merchant's job key. The same key again answers the operation
 * it started (nothing new is queued), so a client retrying after a lost answer imports once; the same
 * key with another kind or another file is refused. The background worker (bulk-worker.ts) runs it.
 */
async function startOperation<P extends typeof BulkOperationPayload>(
  context: SubgraphContext,
  Payload: P,
  fields: { kind: BulkOperationKind; jobKey: string; input: string | null; parts: number; dryRun: boolean; currencyCode: string },
): Promise<InstanceType<P>> {
  const storeId = context.caller.storeId;
  if (!storeId || context.unitOfWork.scope === null) return Payload.failed(STORE_REQUIRED()) as InstanceType<P>;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const repository = tx.manager.getRepository(BulkOperation);
    await tx.manager.query(
      `INSERT INTO bulk_operation (store_id, kind, job_key, status, dry_run, currency_code, created_by, input, input_parts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (store_id, job_key) DO NOTHING`,
      [
        storeId,
        fields.kind,
        fields.jobKey,
        fields.parts > 1 ? BulkOperationStatus.UPLOADING : BulkOperationStatus.QUEUED,
        fields.dryRun,
        fields.currencyCode,
        context.caller.userId,
        fields.input,
        fields.parts,
      ],
    );
    const operation = await repository.findOneByOrFail({ storeId, jobKey: fields.jobKey });
    const same =
      operation.kind === fields.kind &&
      operation.input === fields.input &&
      operation.dryRun === fields.dryRun &&
      operation.currencyCode === fields.currencyCode;
    return (same ? Payload.ok(operation) : Payload.failed(JOB_KEY_REUSED(operation.kind))) as InstanceType<P>;
  });
}

export function startProductImport<P extends typeof BulkOperationPayload>(context: SubgraphContext, Payload: P, input: StartProductImportInput) {
  return startOperation(context, Payload, {
    kind: BulkOperationKind.IMPORT,
    jobKey: input.jobKey,
    input: input.csv,
    parts: input.parts ?? 1,
    dryRun: input.dryRun ?? false,
    currencyCode: input.currencyCode ?? 'USD',
  });
}

export function startProductExport<P extends typeof BulkOperationPayload>(context: SubgraphContext, Payload: P, input: StartProductExportInput) {
  return startOperation(context, Payload, { kind: BulkOperationKind.EXPORT, jobKey: input.jobKey, input: null, parts: 1, dryRun: false, currencyCode: 'USD' });
}

/**
 * Stops an uploading, queued or running operation of the caller's store: the worker sees the status at its next
 * product and stops there (each product written so far stays written). A finished one is answered as it is.
 */
export async function cancelBulkOperation<P extends typeof BulkOperationPayload>(context: SubgraphContext, Payload: P, input: CancelBulkOperationInput) {
  const storeId = context.caller.storeId;
  if (!storeId || context.unitOfWork.scope === null) return Payload.failed(STORE_REQUIRED()) as InstanceType<P>;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const [cancelled] = await returnedRows<Record<string, unknown>>(
      tx.manager,
      `UPDATE bulk_operation SET status = $3, finished_at = now(), updated_at = now(), lease_owner = NULL
        WHERE id = $1 AND store_id = $2 AND status IN ('UPLOADING', 'QUEUED', 'RUNNING')
        RETURNING id, kind, status, total_rows, processed_rows, succeeded_rows, failed_rows`,
      [input.id, storeId, BulkOperationStatus.CANCELLED],
    );
    // subscribers hear the end of a cancelled job too
    if (cancelled) await emitProgress(tx, storeId, cancelled);
    const operation = await tx.manager.getRepository(BulkOperation).findOneBy({ id: input.id, storeId });
    if (!operation) return Payload.failed(UserError.of('NOT_FOUND', 'No such bulk operation in your store', ['input', 'id'])) as InstanceType<P>;
    return Payload.ok(operation) as InstanceType<P>;
  });
}

/**
 * Appends the next part of an UPLOADING import's file; the last part queues it. Parts must come in
 * order: the part already received (a retry) answers the operation unchanged, a part out of order is
 * IMPORT_PART_OUT_OF_ORDER, and an operation not UPLOADING is IMPORT_NOT_UPLOADING.
 */
export async function appendProductImportPart<P extends typeof BulkOperationPayload>(
  context: SubgraphContext,
  Payload: P,
  input: AppendProductImportPartInput,
) {
  const storeId = context.caller.storeId;
  if (!storeId || context.unitOfWork.scope === null) return Payload.failed(STORE_REQUIRED()) as InstanceType<P>;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const repository = tx.manager.getRepository(BulkOperation);
    const operation = await repository.findOne({ where: { id: input.id, storeId }, lock: { mode: 'pessimistic_write' } });
    if (!operation) return Payload.failed(UserError.of('NOT_FOUND', 'No such bulk operation in your store', ['input', 'id'])) as InstanceType<P>;
    if (input.index < operation.inputPartsReceived) return Payload.ok(operation) as InstanceType<P>;
    if (operation.status !== BulkOperationStatus.UPLOADING || input.index >= operation.inputParts) {
      return Payload.failed(UserError.of('IMPORT_NOT_UPLOADING', 'This operation takes no more parts', ['input', 'index'])) as InstanceType<P>;
    }
    if (input.index !== operation.inputPartsReceived) {
      return Payload.failed(UserError.of('IMPORT_PART_OUT_OF_ORDER', `Part ${operation.inputPartsReceived} comes next`, ['input', 'index'])) as InstanceType<P>;
    }
    await tx.manager.query(
      `UPDATE bulk_operation SET input = input || $2, input_parts_received = input_parts_received + 1, updated_at = now(),
              status = CASE WHEN input_parts_received + 1 = input_parts THEN 'QUEUED' ELSE status END
        WHERE id = $1`,
      [operation.id, input.csv],
    );
    return Payload.ok(await repository.findOneByOrFail({ id: operation.id })) as InstanceType<P>;
  });
}
