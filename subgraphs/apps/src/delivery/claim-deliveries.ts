import { inScope, PLATFORM_SCOPE } from '@ultramarket/kit';
import type { DataSource } from 'typeorm';

/** A delivery taken by this worker for one attempt, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  store_id: string;
  endpoint_id: string;
  topic: string;
  body: string;
  attempts: number;
  created_at: Date;
  url: string;
  sealed_secret: string;
  sealed_previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * Takes up to `limit` due deliveries across stores (a platform-wide sweep) for one attempt each: PENDING, due, of an
 * ENABLED endpoint, and the first PENDING delivery of their resource at their endpoint (ordering by entity: a
 * delivery of the same resource, from the same producing domain, with a lower sequence, or the same one queued
 * earlier, must succeed or be given up first; other resources go ahead). Rows are
 * locked SKIP LOCKED and their next attempt moved past `leaseMs`, so other replicas leave them alone while this one
 * sends; should this process die, they are due again after the lease.
 */
export function claimDueDeliveries(dataSource: DataSource, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  return inScope(dataSource, PLATFORM_SCOPE, (manager) =>
    manager.query(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND e.status = 'ENABLED'
           AND NOT EXISTS (SELECT 1 FROM webhook_delivery earlier
                           WHERE earlier.endpoint_id = d.endpoint_id AND earlier.resource_id = d.resource_id
                             AND split_part(earlier.topic, '.', 1) = split_part(d.topic, '.', 1) AND earlier.status = 'PENDING'
                             AND (earlier.sequence, earlier.position) < (d.sequence, d.position))
         ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_delivery d SET next_attempt_at = now() + $2 * interval '1 millisecond' FROM due WHERE d.id = due.id
         RETURNING d.id, d.store_id, d.endpoint_id, d.topic, d.body, d.attempts, d.created_at
       )
       SELECT c.*, e.url, e.sealed_secret, e.sealed_previous_secret, e.previous_secret_expires_at
       FROM claimed c JOIN webhook_endpoint e ON e.id = c.endpoint_id`,
      [limit, leaseMs],
    ),
  );
}
