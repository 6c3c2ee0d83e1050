import { UserError } from '@ultramarket/kit';
import { randomUUID } from 'node:crypto';
import { inScope, PLATFORM_SCOPE, returnedRows, type SubgraphRuntime, type Trace, type Tx } from '@ultramarket/kit';
import { violatedUniqueIndex } from '../product/product-tx';
import { BulkOperationKind, BulkOperationStatus } from './bulk-operation.entity';
import { BulkEvents, type BulkOperationProgressData, type InventoryImportedData } from './bulk.events';
import { CsvSyntaxError, parseCsv, toCsv } from './csv';
import { isRefused, planImport, type ProductPlan, type RefusedPlan } from './import-plan';
import { rowError, type RowError } from './row-error';
import { writeProductPlan, type WrittenProduct } from './write-product-plan';
import { exportProducts } from './export-products';
import { Column } from './shopify-columns';

/**
 * Publishes catalog.bulk-operation-progress with the job row's counters; its `aggregateVersion` is the
 * job's next progress number, so a subscriber never takes an older push for a newer one.
 */
export async function emitProgress(tx: Tx, storeId: string, row: Record<string, unknown>): Promise<void> {
  const [numbered] = await returnedRows<{ progress_version: number }>(
    tx.manager,
    `UPDATE bulk_operation SET progress_version = progress_version + 1 WHERE id = $1 RETURNING progress_version`,
    [row.id],
  );
  const data: BulkOperationProgressData = {
    operationId: String(row.id),
    kind: String(row.kind),
    status: String(row.status),
    totalRows: Number(row.total_rows),
    processedRows: Number(row.processed_rows),
    succeededRows: Number(row.succeeded_rows),
    failedRows: Number(row.failed_rows),
  };
  await tx.emit({ type: BulkEvents.progress, storeId, aggregateId: data.operationId, aggregateVersion: numbered.progress_version, data });
}

/** How the worker paces itself; tests shorten the lease and may stop it after some products (a simulated crash). */
export interface BulkWorkerSettings {
  leaseMs: number;
  /** Least time between two progress events of one job. */
  progressIntervalMs: number;
  /** Products an import writes per transaction (each in a savepoint of its own), with the cursor moved once for all of them. */
  batchSize: number;
  /**
   * Test hook: throws after this many products were written in one run, before their batch commits,
   * as a crash would stop it (the batch's transaction is rolled back).
   */
  crashAfterProducts?: number;
  /** Asked between batches: true when the process is stopping (the job is then handed back at once). */
  stopping?: () => boolean;
}

export class SimulatedCrash extends Error {}
class LeaseLost extends Error {}
/** The process is stopping: the job's lease was given up, so another replica resumes it at once. */
class HandedBack extends Error {}
class Rollback extends Error {
  constructor(readonly errors: RowError[] | null) {
    super('rollback');
  }
}

/** What became of one product of the file: its outcome row and its row errors. */
interface ProductOutcome {
  plan: ProductPlan | RefusedPlan;
  outcome: 'CREATED' | 'UPDATED' | 'FAILED' | 'VALID';
  productId: string | null;
  errors: RowError[];
}

interface Claimed {
  id: string;
  store_id: string;
  kind: BulkOperationKind;
}

type Runtime = Pick<SubgraphRuntime, 'dataSource' | 'unitOfWork' | 'logger'>;

/**
 * Takes the oldest job no live worker holds (QUEUED, or RUNNING with an expired lease: its worker
 * died) and leases it to `workerId`; SKIP LOCKED and the lease keep two replicas off one job.
 */
export async function claimBulkOperation(runtime: Runtime, workerId: string, leaseMs: number): Promise<Claimed | null> {
  const rows = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
    returnedRows<Claimed>(
      manager,
      `UPDATE bulk_operation SET status = 'RUNNING', lease_owner = $1, lease_expires_at = now() + ($2 || ' milliseconds')::interval, updated_at = now()
        WHERE id = (SELECT id FROM bulk_operation
                     WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < now())
                     ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id, store_id, kind`,
      [workerId, String(leaseMs)],
    ),
  );
  return rows[0] ?? null;
}

/** Runs one claimed job to its end (or until its lease is lost or it is cancelled). */
export async function runBulkOperation(runtime: Runtime, job: Claimed, workerId: string, settings: BulkWorkerSettings): Promise<void> {
  const run = new JobRun(runtime, job, workerId, settings);
  try {
    if (job.kind === BulkOperationKind.IMPORT) await run.importProducts();
    else await run.exportProducts();
  } catch (error) {
    if (error instanceof LeaseLost || error instanceof HandedBack) return;
    if (error instanceof SimulatedCrash) throw error;
    runtime.logger.error({ err: error, operationId: job.id }, 'bulk operation failed; another worker resumes it once the lease expires');
    throw error;
  }
}

/** One worker's run of one job: every write checks and renews the lease in the same transaction. */
class JobRun {
  private readonly trace: Trace;
  private lastProgressAt = 0;
  private writtenProducts = 0;

  constructor(
    private readonly runtime: Runtime,
    private readonly job: Claimed,
    private readonly workerId: string,
    private readonly settings: BulkWorkerSettings,
  ) {
    this.trace = { correlationId: job.id, causationId: job.id };
  }

  private inStore<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.runtime.unitOfWork.forScope(this.job.store_id).run(this.trace, work);
  }

  /** Renews the lease and applies `set` to the job row; a job cancelled or taken over meanwhile stops this run. */
  private async touch(tx: Tx, set = '', params: unknown[] = []): Promise<Record<string, unknown>> {
    const rows = await returnedRows<Record<string, unknown>>(
      tx.manager,
      `UPDATE bulk_operation SET lease_expires_at = now() + ($3 || ' milliseconds')::interval, updated_at = now() ${set}
        WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING'
        RETURNING id, kind, status, total_rows, processed_rows, succeeded_rows, failed_rows, cursor, dry_run, currency_code, input, total_products`,
      [this.job.id, this.workerId, String(this.settings.leaseMs), ...params],
    );
    if (rows.length === 0) throw new LeaseLost();
    return rows[0];
  }

  private async progress(tx: Tx, row: Record<string, unknown>, final = false): Promise<void> {
    const now = Date.now();
    if (!final && now - this.lastProgressAt < this.settings.progressIntervalMs) return;
    this.lastProgressAt = now;
    await emitProgress(tx, this.job.store_id, row);
  }

  private countWritten(): void {
    this.writtenProducts += 1;
    if (this.settings.crashAfterProducts !== undefined && this.writtenProducts >= this.settings.crashAfterProducts) throw new SimulatedCrash('simulated crash');
  }

  async importProducts(): Promise<void> {
    const job = await this.inStore((tx) => this.touch(tx));
    let plans: (ProductPlan | RefusedPlan)[];
    let fileErrors: RowError[];
    let dataRows: number;
    try {
      const records = parseCsv(String(job.input ?? ''));
      dataRows = Math.max(records.length - 1, 0);
      ({ plans, fileErrors } = planImport(records, String(job.currency_code)));
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      await this.finish(BulkOperationStatus.FAILED, null, [rowError(error.line, null, UserError.of('IMPORT_MALFORMED_CSV', error.message))], error.message);
      return;
    }
    if (Number(job.cursor) === 0 && Number(job.total_products) === 0) {
      // the file as a whole, recorded once: a resumed run finds total_products set
      await this.inStore(async (tx) => {
        await this.insertErrors(tx, fileErrors);
        await this.touch(tx, `, total_rows = $4, total_products = $5, processed_rows = $6, failed_rows = $6`, [dataRows, plans.length, fileErrors.length]);
      });
      if (plans.length === 0 && fileErrors.some((error) => error.code !== 'IMPORT_INVALID_VALUE')) {
        await this.finish(BulkOperationStatus.FAILED, null, [], fileErrors[0].message);
        return;
      }
    }
    const dryRun = Boolean(job.dry_run);
    const batchSize = Math.max(1, this.settings.batchSize);
    for (let start = Number(job.cursor); start < plans.length; start += batchSize) {
      if (this.settings.stopping?.()) await this.handBack();
      await this.importBatch(plans.slice(start, start + batchSize), start, dryRun);
    }
    const outcomes: { line: number; handle: string; outcome: string; product_id: string | null }[] = await this.inStore((tx) =>
      tx.manager.query(`SELECT line, handle, outcome, product_id FROM bulk_operation_outcome WHERE operation_id = $1 ORDER BY line`, [this.job.id]),
    );
    const result = toCsv([
      ['Line', Column.handle, 'Outcome', 'Product Id'],
      ...outcomes.map((row) => [String(row.line), row.handle, row.outcome, row.product_id ?? '']),
    ]);
    await this.finish(BulkOperationStatus.COMPLETED, result, []);
  }

  /**
   * Products `start`… of the file in one transaction, each in a savepoint: a refused product is rolled
   * back alone (its rows and its events with it) while its batch-mates stay. Their outcomes, errors,
   * counters and the cursor past the batch are written once, with the lease checked at the start and the end.
   */
  private async importBatch(plans: (ProductPlan | RefusedPlan)[], start: number, dryRun: boolean): Promise<void> {
    await this.inStore(async (tx) => {
      await this.touch(tx);
      const outcomes: ProductOutcome[] = [];
      for (const plan of plans) {
        outcomes.push(await this.importOne(tx, plan, dryRun));
        this.countWritten();
      }
      await this.recordOutcomes(tx, outcomes, start + plans.length);
    });
  }

  /** One product in a savepoint of the batch's transaction; refused (or dry), nothing of it stays. */
  private async importOne(tx: Tx, plan: ProductPlan | RefusedPlan, dryRun: boolean): Promise<ProductOutcome> {
    if (isRefused(plan)) return { plan, outcome: 'FAILED', productId: null, errors: plan.errors };
    try {
      const written = await tx.savepoint(async (inner) => {
        const outcome = await writeProductPlan(inner, this.job.store_id, plan);
        if (Array.isArray(outcome)) throw new Rollback(outcome);
        if (dryRun) throw new Rollback(null);
        await this.emitStock(inner, plan, outcome);
        return outcome;
      });
      return { plan, outcome: written.created ? 'CREATED' : 'UPDATED', productId: written.productId, errors: [] };
    } catch (error) {
      let errors: RowError[];
      if (error instanceof Rollback) errors = error.errors ?? [];
      else if (violatedUniqueIndex(error) !== null) errors = [await this.uniqueViolation(tx, plan, violatedUniqueIndex(error)!)];
      else throw error;
      return { plan, outcome: errors.length > 0 ? 'FAILED' : 'VALID', productId: null, errors };
    }
  }

  /** A batch's outcome rows and errors, each in one statement, and the job's counters and cursor in one more. */
  private async recordOutcomes(tx: Tx, outcomes: ProductOutcome[], cursor: number): Promise<void> {
    await tx.manager.query(
      `INSERT INTO bulk_operation_outcome (operation_id, store_id, line, handle, outcome, product_id)
       SELECT $1, $2, line, handle, outcome, product_id FROM unnest($3::int[], $4::text[], $5::text[], $6::uuid[]) AS o(line, handle, outcome, product_id)
       ON CONFLICT (operation_id, line) DO UPDATE SET outcome = EXCLUDED.outcome, product_id = EXCLUDED.product_id`,
      [
        this.job.id,
        this.job.store_id,
        outcomes.map((done) => done.plan.line),
        outcomes.map((done) => done.plan.handle),
        outcomes.map((done) => done.outcome),
        outcomes.map((done) => done.productId),
      ],
    );
    await this.insertErrors(
      tx,
      outcomes.flatMap((done) => done.errors),
    );
    const rows = (failed: boolean) => outcomes.filter((done) => done.errors.length > 0 === failed).reduce((sum, done) => sum + done.plan.lines.length, 0);
    const failedRows = rows(true);
    const succeededRows = rows(false);
    const row = await this.touch(
      tx,
      `, cursor = $4, processed_rows = processed_rows + $5, succeeded_rows = succeeded_rows + $6, failed_rows = failed_rows + $7`,
      [cursor, failedRows + succeededRows, succeededRows, failedRows],
    );
    await this.progress(tx, row);
  }

  /** Gives the job's lease up (it stays RUNNING at its cursor) and ends this run. */
  private async handBack(): Promise<never> {
    await this.inStore((tx) =>
      tx.manager.query(`UPDATE bulk_operation SET lease_owner = NULL, lease_expires_at = now(), updated_at = now() WHERE id = $1 AND lease_owner = $2`, [
        this.job.id,
        this.workerId,
      ]),
    );
    throw new HandedBack('stopping');
  }

  private async insertErrors(tx: Tx, errors: RowError[]): Promise<void> {
    if (errors.length === 0) return;
    await tx.manager.query(
      `INSERT INTO bulk_operation_error (operation_id, store_id, line, column_name, code, message)
       SELECT $1, $2, line, column_name, code, left(message, 1000) FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS e(line, column_name, code, message)`,
      [this.job.id, this.job.store_id, errors.map((e) => e.line), errors.map((e) => e.column), errors.map((e) => e.code), errors.map((e) => e.message)],
    );
  }

  /**
   * A SKU another product of the store holds (an earlier product of the batch, or one a concurrent write
   * committed), or a handle a concurrent write took, at the row that gave it; read in the batch's transaction.
   */
  private async uniqueViolation(tx: Tx, plan: ProductPlan, index: string): Promise<RowError> {
    if (index === 'product_variant_store_sku') {
      const skus = (plan.input.variants ?? []).map((variant) => variant.sku ?? '');
      const taken: { sku: string }[] = await tx.manager.query(
        `SELECT v.sku FROM product_variant v JOIN product p ON p.id = v.product_id WHERE v.store_id = $1 AND v.sku = ANY($2::text[]) AND p.handle <> $3`,
        [this.job.store_id, skus.filter(Boolean), plan.handle],
      );
      const at = skus.findIndex((sku) => taken.some((row) => row.sku === sku));
      if (at >= 0)
        return rowError(plan.variantLines[at], Column.sku, UserError.of('SKU_TAKEN', `Another product of this store already uses the SKU "${skus[at]}"`));
    }
    return rowError(plan.line, Column.handle, UserError.of('IMPORT_CONFLICT', 'Another write to this product ran at the same time; import it again'));
  }

  private async emitStock(tx: Tx, plan: ProductPlan, written: WrittenProduct): Promise<void> {
    const levels = plan.onHand.flatMap((onHand, index) =>
      onHand === null ? [] : [{ variantId: written.variantIds[index], sku: plan.input.variants?.[index]?.sku ?? null, onHand }],
    );
    if (levels.length === 0) return;
    const data: InventoryImportedData = { productId: written.productId, levels };
    await tx.emit({ type: BulkEvents.inventoryImported, storeId: this.job.store_id, aggregateId: written.productId, aggregateVersion: 0, data });
  }

  async exportProducts(): Promise<void> {
    await this.inStore((tx) => this.touch(tx, `, processed_rows = 0, succeeded_rows = 0, total_rows = 0`));
    // an export writes nothing but its file: a resumed one simply starts over
    const csv = await exportProducts(this.runtime.dataSource, this.job.store_id, async (rowsSoFar) => {
      await this.inStore(async (tx) => {
        const row = await this.touch(tx, `, processed_rows = $4, succeeded_rows = $4, total_rows = $4`, [rowsSoFar]);
        await this.progress(tx, row);
      });
    });
    await this.finish(BulkOperationStatus.COMPLETED, csv, []);
  }

  private async finish(status: BulkOperationStatus, result: string | null, errors: RowError[], failure: string | null = null): Promise<void> {
    await this.inStore(async (tx) => {
      await this.insertErrors(tx, errors);
      const row = await this.touch(tx, `, result = $4, failure = $5, finished_at = now(), lease_owner = NULL, status = $6`, [result, failure, status]);
      await this.progress(tx, { ...row, status }, true);
    });
  }
}

/** The background job: claims and runs bulk operations one at a time, polling every `pollMs`; returns its stop function. */
export function bulkWorkerJob(settings: BulkWorkerSettings & { pollMs: number }) {
  return (runtime: SubgraphRuntime) => {
    const workerId = randomUUID();
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> = Promise.resolve();
    const tick = async () => {
      for (;;) {
        if (stopped) return;
        const job = await claimBulkOperation(runtime, workerId, settings.leaseMs);
        if (!job) return;
        await runBulkOperation(runtime, job, workerId, { ...settings, stopping: () => stopped });
      }
    };
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        running = tick()
          .catch((error: unknown) => runtime.logger.warn({ err: error }, 'bulk worker pass failed; will retry'))
          .finally(schedule);
      }, settings.pollMs);
      timer.unref();
    };
    schedule();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    };
  };
}
