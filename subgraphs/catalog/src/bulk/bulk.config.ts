import { envReader, type Env } from '@ultramarket/kit';
import type { BulkWorkerSettings } from './bulk-worker';

/** What the bulk worker reads from its environment (CATALOG_BULK_*; docs/configuration.md). */
export function loadBulkConfig(env: Env): BulkWorkerSettings & { pollMs: number } {
  const read = envReader(env);
  return {
    pollMs: read.duration('CATALOG_BULK_POLL_INTERVAL', 1000, { min: 10, max: 60_000 }),
    leaseMs: read.duration('CATALOG_BULK_LEASE', 30_000, { min: 1000, max: 3_600_000 }),
    progressIntervalMs: read.duration('CATALOG_BULK_PROGRESS_INTERVAL', 250, { min: 0, max: 60_000 }),
    batchSize: read.int('CATALOG_BULK_IMPORT_BATCH', 50, { min: 1, max: 1000 }),
  };
}
