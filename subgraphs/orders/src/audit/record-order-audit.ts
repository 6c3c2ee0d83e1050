import { managesStore, returnedRows, type Caller, type Tx } from '@ultramarket/kit';
import type { AuditDetailValue } from './order-audit-entry.entity';
import { OrderAuditActorKind, type OrderAuditAction } from './order-audit-action';

/** What an audit entry says; `eventId` is the event it comes from, when it does (its idempotency key). */
export interface OrderAuditInput {
  orderId: string;
  storeId: string;
  actor: { kind: OrderAuditActorKind; userId: string | null };
  action: OrderAuditAction;
  summary: string;
  details?: Record<string, AuditDetailValue>;
  occurredAt?: Date;
  eventId?: string | null;
}

/**
 * Records one action on an order in the caller's transaction, so the entry and the change commit together. An
 * entry for an event already recorded (a redelivery) writes nothing and returns false.
 */
export async function recordOrderAudit(tx: Tx, entry: OrderAuditInput): Promise<boolean> {
  const rows = await returnedRows<{ id: string }>(
    tx.manager,
    `INSERT INTO order_audit_entry (order_id, store_id, actor_kind, actor_user_id, action, summary, details, occurred_at, event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING RETURNING id`,
    [
      entry.orderId,
      entry.storeId,
      entry.actor.kind,
      entry.actor.userId,
      entry.action,
      entry.summary,
      JSON.stringify(entry.details ?? {}),
      entry.occurredAt ?? new Date(),
      entry.eventId ?? null,
    ],
  );
  return rows.length > 0;
}

/** The caller as an audit actor on an order of `storeId`: its staff (or a platform admin), else its shopper. */
export function auditActorOf(caller: Caller, storeId: string): OrderAuditInput['actor'] {
  return { kind: managesStore(caller, storeId) ? OrderAuditActorKind.STAFF : OrderAuditActorKind.CUSTOMER, userId: caller.userId };
}
