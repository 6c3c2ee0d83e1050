import type { EntityManager } from 'typeorm';
import type { Tx } from '@ultramarket/kit';
import { CustomerEvents, type SegmentMembershipChangedData } from '../customer/customer.events';
import { compileRules, type Rules } from './segment-sql';

/**
 * Segment definitions and customer changes of one store are serialised by a transaction-level
 * advisory lock: customer changes share it, segment changes take it alone. A customer change then
 * never evaluates rules a concurrent segment change is replacing, and a segment refresh always sees
 * every customer change committed before it. Take it first, before any row lock (a segment refresh
 * inserts members, which key-share-locks their customer rows): the same order everywhere, no deadlock.
 */
const SEGMENT_LOCK_CLASS = 8008;

export async function lockStoreSegments(manager: EntityManager, storeId: string, exclusive: boolean): Promise<void> {
  const lock = exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  await manager.query(`SELECT ${lock}(${SEGMENT_LOCK_CLASS}, hashtext($1))`, [storeId]);
}

async function announce(tx: Tx, storeId: string, segmentId: string, customerIds: string[], joined: boolean): Promise<void> {
  for (const customerId of customerIds) {
    await tx.emit<SegmentMembershipChangedData>({
      type: CustomerEvents.segmentMembershipChanged,
      storeId,
      aggregateId: customerId,
      data: { customerId, segmentId, joined },
    });
  }
}

/** Recomputes every member of one segment (after it was created or its rules changed), in the caller's transaction. */
export async function refreshSegment(tx: Tx, segment: { id: string; storeId: string } & Rules): Promise<void> {
  await lockStoreSegments(tx.manager, segment.storeId, true);
  const params: unknown[] = [segment.storeId, segment.id];
  const matches = compileRules(segment, params);
  // TypeORM answers a DELETE … RETURNING with [rows, affected]
  const [left]: [{ customer_id: string }[], number] = await tx.manager.query(
    `DELETE FROM customer_segment_member m WHERE m.store_id = $1 AND m.segment_id = $2
       AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = m.customer_id AND c.store_id = $1 AND ${matches})
     RETURNING m.customer_id`,
    params,
  );
  const joined: { customer_id: string }[] = await tx.manager.query(
    `INSERT INTO customer_segment_member (store_id, segment_id, customer_id)
     SELECT $1, $2, c.id FROM customer c WHERE c.store_id = $1 AND ${matches}
     ON CONFLICT DO NOTHING RETURNING customer_id`,
    params,
  );
  await announce(
    tx,
    segment.storeId,
    segment.id,
    left.map((row) => row.customer_id),
    false,
  );
  await announce(
    tx,
    segment.storeId,
    segment.id,
    joined.map((row) => row.customer_id),
    true,
  );
}

/**
 * Re-evaluates every segment of the store for one customer whose data just changed, in the same
 * transaction as the change: one statement evaluates all the rules, a second reads current memberships.
 */
export async function refreshCustomerSegments(tx: Tx, storeId: string, customerId: string): Promise<void> {
  await lockStoreSegments(tx.manager, storeId, false);
  const segments: ({ id: string } & Rules)[] = await tx.manager.query(
    `SELECT id, match, conditions FROM customer_segment WHERE store_id = $1 ORDER BY created_at, id`,
    [storeId],
  );
  if (segments.length === 0) return;
  const params: unknown[] = [storeId, customerId];
  const columns = segments.map((segment, index) => `COALESCE(${compileRules(segment, params)}, false) AS m${index}`);
  const [evaluated]: Record<string, boolean>[] = await tx.manager.query(
    `SELECT ${columns.join(', ')} FROM customer c WHERE c.id = $2 AND c.store_id = $1`,
    params,
  );
  if (!evaluated) return;
  const current: { segment_id: string }[] = await tx.manager.query(`SELECT segment_id FROM customer_segment_member WHERE store_id = $1 AND customer_id = $2`, [
    storeId,
    customerId,
  ]);
  const memberOf = new Set(current.map((row) => row.segment_id));
  for (const [index, segment] of segments.entries()) {
    const matches = evaluated[`m${index}`];
    if (matches && !memberOf.has(segment.id)) {
      await tx.manager.query(`INSERT INTO customer_segment_member (store_id, segment_id, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        storeId,
        segment.id,
        customerId,
      ]);
      await announce(tx, storeId, segment.id, [customerId], true);
    } else if (!matches && memberOf.has(segment.id)) {
      await tx.manager.query(`DELETE FROM customer_segment_member WHERE store_id = $1 AND segment_id = $2 AND customer_id = $3`, [
        storeId,
        segment.id,
        customerId,
      ]);
      await announce(tx, storeId, segment.id, [customerId], false);
    }
  }
}
