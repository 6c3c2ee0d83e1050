import type { EntityManager } from 'typeorm';
import { returnedRows, type EventActor } from '@ultramarket/kit';
import type { RequestedRefund } from '../payment/payment.events';

/** A refund orders asked for, as payments tracks it (table refund_request). */
export interface RefundRequestRow {
  refund_id: string;
  store_id: string;
  order_id: string;
  amount: string;
  currency_code: string;
  actor: EventActor;
  order_attempt: number;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  tries: number;
}

export function requestedRefundOf(row: RefundRequestRow): RequestedRefund {
  return { refundId: row.refund_id, amount: Number(row.amount), currencyCode: row.currency_code, actor: row.actor };
}

/**
 * Records orders' request and returns it when there is something to do: a refund not seen before, or a
 * FAILED one orders asks again for (a higher attempt, which starts its tries afresh). A repeated or stale
 * request returns null.
 */
export async function recordRefundRequest(
  manager: EntityManager,
  request: { refundId: string; storeId: string; orderId: string; amount: number; currencyCode: string; actor: EventActor; attempt: number },
): Promise<RefundRequestRow | null> {
  const [row] = await returnedRows<RefundRequestRow>(
    manager,
    `INSERT INTO refund_request (refund_id, store_id, order_id, amount, currency_code, actor, order_attempt, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING')
     ON CONFLICT (refund_id) DO UPDATE SET order_attempt = EXCLUDED.order_attempt, status = 'PENDING', tries = 0, next_try_at = now(),
            last_error = NULL, updated_at = now()
      WHERE refund_request.status = 'FAILED' AND refund_request.order_attempt < EXCLUDED.order_attempt
     RETURNING *`,
    [
      request.refundId,
      request.storeId,
      request.orderId,
      request.amount,
      request.currencyCode,
      request.actor ? JSON.stringify(request.actor) : null,
      request.attempt,
    ],
  );
  return row ?? null;
}

/** A PENDING request whose next try is due, locked (another replica's claim is skipped). */
export async function claimDueRefund(manager: EntityManager, refundId: string, storeId: string): Promise<RefundRequestRow | null> {
  const [row]: RefundRequestRow[] = await manager.query(
    `SELECT * FROM refund_request WHERE refund_id = $1 AND store_id = $2 AND status = 'PENDING' AND next_try_at <= now() FOR UPDATE SKIP LOCKED`,
    [refundId, storeId],
  );
  return row ?? null;
}
