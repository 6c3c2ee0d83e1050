import type { EntityManager } from 'typeorm';
import { isUuid, PermanentEventError, returnedRows, type EventEnvelope, type EventHandler } from '@ultramarket/kit';

/** What one event does to the rollups, inside the transaction that records it. */
export type Apply = (event: EventEnvelope, manager: EntityManager) => Promise<void>;

/** One event type analytics reads and what it does with it. */
export interface Applier {
  eventType: string;
  apply: Apply;
}

/**
 * The transaction-level advisory lock key the rebuild takes exclusively (`npm run analytics:rebuild`) and every
 * consumer takes shared: while a rebuild runs, consumers wait for it, then skip what it already applied.
 */
export const REBUILD_LOCK_KEY = 40_110_001;

/** The store an analytics event belongs to: every one of them names it; one that does not can never be booked. */
export function storeOf(event: EventEnvelope): string {
  if (!isUuid(event.storeId)) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
  return event.storeId;
}

/**
 * Applies an event at most once: its id is recorded in `applied_event` in the same transaction, so a redelivery (or a
 * rebuild that already replayed it) changes nothing. The consumer runner's processed-event table covers redelivery
 * too; this one also survives a rebuild, which empties the rollups and the ids together.
 */
export async function applyOnce(manager: EntityManager, event: EventEnvelope, apply: Apply, lock: 'shared' | 'held' = 'shared'): Promise<boolean> {
  const storeId = storeOf(event);
  if (lock === 'shared') await manager.query(`SELECT pg_advisory_xact_lock_shared($1)`, [REBUILD_LOCK_KEY]);
  const recorded = await returnedRows<{ event_id: string }>(
    manager,
    `INSERT INTO applied_event (event_id, store_id, event_type) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    [event.id, storeId, event.type],
  );
  if (recorded.length === 0) return false;
  await apply(event, manager);
  return true;
}

/** A durable consumer (`analytics-<subject with dashes>`) applying one event type once. */
export function consumerOf(applier: Applier): EventHandler {
  return {
    name: `analytics-${applier.eventType.replace(/\./g, '-')}`,
    eventType: applier.eventType,
    async handle(event, tx) {
      await applyOnce(tx.manager, event, applier.apply);
    },
  };
}
