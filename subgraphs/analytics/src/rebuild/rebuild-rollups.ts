import type { DataSource, EntityManager } from 'typeorm';
import { ensureStream, inScope, parseEnvelope, PermanentEventError, PLATFORM_SCOPE, type EventNames, type Logger } from '@ultramarket/kit';
import type { JetStreamClient, JetStreamManager } from 'nats';
import { applyOnce, REBUILD_LOCK_KEY, type Applier } from '../rollup/applier';
import { APPLIERS, REPLAYED_DOMAINS } from '../rollup/appliers';

/** Every analytics table, emptied (for one store or all) before the replay fills them again. */
const ROLLUP_TABLES = [
  'applied_event',
  'sales_day',
  'product_day',
  'customer_day',
  'customer_total',
  'cart_day',
  'order_fact',
  'variant_stock',
  'variant_price',
  'product_version',
  'store_profile',
];

const FETCH_BATCH = 256;
const FETCH_EXPIRES_MS = 2000;

export interface RebuildOptions {
  dataSource: DataSource;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: EventNames;
  logger: Logger;
  /** Only this store's rollups; every store's when absent. */
  storeId?: string | null;
}

export interface RebuildResult {
  /** Events applied, by type. */
  applied: Record<string, number>;
  /** Messages read from the streams (every type, every store). */
  read: number;
}

/**
 * Recomputes the rollups from the event streams (docs/analytics.md "Rebuild"): in one transaction that holds the
 * rebuild lock exclusively (every consumer takes it shared, so they wait), the store's (or every store's) rows are
 * deleted, then each stream analytics reads is replayed from its first stored message by an ordered consumer, store
 * profiles first, through the same appliers the consumers use. On commit the new rollups replace the old at once; on
 * failure nothing changed. Events the consumers receive meanwhile are applied after it, unless the replay already had them.
 */
export async function rebuildRollups(options: RebuildOptions): Promise<RebuildResult> {
  const { dataSource, storeId } = options;
  return inScope(dataSource, storeId ?? PLATFORM_SCOPE, async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [REBUILD_LOCK_KEY]);
    for (const table of ROLLUP_TABLES) {
      if (storeId) await manager.query(`DELETE FROM ${table} WHERE store_id = $1`, [storeId]);
      else await manager.query(`DELETE FROM ${table}`);
    }
    const result: RebuildResult = { applied: {}, read: 0 };
    for (const domain of REPLAYED_DOMAINS) await replayDomain(manager, options, domain, result);
    return result;
  });
}

async function replayDomain(manager: EntityManager, options: RebuildOptions, domain: string, result: RebuildResult): Promise<void> {
  const { js, jsm, names, logger, storeId } = options;
  const appliers = new Map<string, Applier>(
    APPLIERS.filter((applier) => applier.eventType.startsWith(`${domain}.`)).map((applier) => [names.subject(applier.eventType), applier]),
  );
  await ensureStream(jsm, names, domain);
  // what the stream holds now is replayed; what is published meanwhile is the consumers' (they wait for the lock)
  const { state } = await jsm.streams.info(names.stream(domain));
  if (state.messages === 0) return;
  // an ordered consumer of the whole stream from its first stored message: nothing acknowledged, nothing shared
  const consumer = await js.consumers.get(names.stream(domain));
  let done = false;
  let readHere = 0;
  while (!done) {
    // never ask for more than the stream held at the start: a fetch asking for more waits out its expiry
    const wanted = Math.min(FETCH_BATCH, state.messages - readHere);
    if (wanted <= 0) break;
    const batch = await consumer.fetch({ max_messages: wanted, expires: FETCH_EXPIRES_MS });
    let received = 0;
    for await (const message of batch) {
      received++;
      readHere++;
      result.read++;
      if (message.seq >= state.last_seq) done = true;
      const applier = appliers.get(message.subject);
      if (!applier) continue;
      const event = parseEnvelope(message.data);
      if (storeId && event.storeId !== storeId) continue;
      // each event in a savepoint: one the consumers would dead-letter (PermanentEventError) leaves nothing and is skipped
      await manager.query('SAVEPOINT replay_event');
      try {
        if (await applyOnce(manager, event, applier.apply, 'held')) result.applied[event.type] = (result.applied[event.type] ?? 0) + 1;
        await manager.query('RELEASE SAVEPOINT replay_event');
      } catch (error) {
        if (!(error instanceof PermanentEventError)) throw error;
        await manager.query('ROLLBACK TO SAVEPOINT replay_event');
        logger.warn({ err: error, eventId: event.id, type: event.type }, 'rebuild skips an event that can never be applied');
      }
    }
    // fewer than asked: nothing more to read (retention removed messages meanwhile)
    if (received < wanted) done = true;
  }
  await consumer.delete().catch(() => undefined);
}
