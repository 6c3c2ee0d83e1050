import { inScope, periodicJob, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import { MediaStatus } from './media-status';
import type { MediaServices } from './media-services';

const SWEEP_INTERVAL_MS = 60_000;
const BATCH = 100;
/** Past the upload URL's expiry, so an upload that started just in time is never cut off. */
const GRACE_MS = 60_000;

interface Abandoned {
  id: string;
  store_id: string;
  storage_key: string;
}

/**
 * Deletes media items whose upload never completed once their upload URL has expired, and any bytes
 * that were stored for them: a PENDING row is invisible to shoppers but would otherwise hold a
 * position and, perhaps, an object for ever. Found across stores (a platform-wide read), each deleted
 * in its own store's transaction; one another transaction holds (being completed now) is skipped.
 * Answers how many were deleted.
 */
export async function sweepAbandonedUploads(runtime: Pick<SubgraphRuntime, 'dataSource' | 'logger'>, media: MediaServices): Promise<number> {
  const olderThan = new Date(Date.now() - media.config.uploadTtlMs - GRACE_MS);
  let deleted = 0;
  for (;;) {
    const due: Abandoned[] = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
      manager.query(`SELECT id, store_id, storage_key FROM product_media WHERE status = $1 AND created_at < $2 ORDER BY created_at LIMIT $3`, [
        MediaStatus.PENDING,
        olderThan,
        BATCH,
      ]),
    );
    let deletedNow = 0;
    for (const item of due) {
      const gone = await inScope(runtime.dataSource, item.store_id, (manager) =>
        manager.query(
          `DELETE FROM product_media WHERE id IN (SELECT id FROM product_media WHERE id = $1 AND status = $2 FOR UPDATE SKIP LOCKED) RETURNING id`,
          [item.id, MediaStatus.PENDING],
        ),
      ).catch((error: unknown) => {
        runtime.logger.warn({ err: error, mediaId: item.id }, 'deleting an abandoned upload failed; will retry');
        return [];
      });
      if ((gone as unknown[]).length === 0) continue;
      deletedNow += 1;
      await media.storage
        .delete(item.storage_key)
        .catch((error: unknown) => runtime.logger.warn({ err: error, key: item.storage_key }, 'deleting an abandoned object failed'));
    }
    deleted += deletedNow;
    if (due.length < BATCH || deletedNow === 0) return deleted;
  }
}

/** Runs the sweep every minute on the background pool; returns its stop function. */
export function abandonedUploadsJob(media: MediaServices) {
  return periodicJob('abandoned upload sweep', SWEEP_INTERVAL_MS, (runtime) => sweepAbandonedUploads(runtime, media));
}
