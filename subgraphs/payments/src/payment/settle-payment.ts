import { In } from 'typeorm';
import { returnedRows, safeIntegerFrom, type PaymentCaptureMode, type Tx, type EventActor } from '@ultramarket/kit';
import type { ChargeOutcome } from '../provider/payment-provider';
import { CHANGES_CHANNEL, paymentChangeKey } from '../order/change-listener';
import type { PaymentMethodKind } from '../manual-method/manual-method-kind';
import { Payment } from './payment.entity';
import { PaymentStatus } from './payment-status';
import { PaymentTransaction } from './payment-transaction.entity';
import { PaymentTransactionStatus, PaymentTransactionType } from './payment-transaction-kind';
import { authorizedData, failedData, PaymentEvents, succeededData } from './payment.events';

const TRANSACTION_STATUS: Record<ChargeOutcome['status'], PaymentTransactionStatus> = {
  succeeded: PaymentTransactionStatus.SUCCEEDED,
  authorized: PaymentTransactionStatus.SUCCEEDED,
  failed: PaymentTransactionStatus.FAILED,
  pending: PaymentTransactionStatus.PENDING,
};

const PAYMENT_STATUS: Record<ChargeOutcome['status'], PaymentStatus> = {
  succeeded: PaymentStatus.SUCCEEDED,
  authorized: PaymentStatus.AUTHORIZED,
  failed: PaymentStatus.FAILED,
  pending: PaymentStatus.PENDING,
};

/** The statuses an outcome may move a payment from: only forward, never out of SUCCEEDED, FAILED or REFUNDED. */
const SETTLES_FROM: Record<ChargeOutcome['status'], PaymentStatus[]> = {
  succeeded: [PaymentStatus.PENDING, PaymentStatus.NEEDS_REVIEW],
  authorized: [PaymentStatus.PENDING, PaymentStatus.NEEDS_REVIEW],
  failed: [PaymentStatus.PENDING, PaymentStatus.NEEDS_REVIEW],
  // "still processing" only records what the provider said of a PENDING payment; it never reopens a review
  pending: [PaymentStatus.PENDING],
};

export interface PaymentRow {
  id: string;
  store_id: string;
  order_id: string;
  customer_id: string | null;
  email: string | null;
  amount: string;
  currency_code: string;
  status: PaymentStatus;
  provider: string;
  idempotency_key: string;
  payment_method: string;
  method: PaymentMethodKind;
  instructions: string | null;
  marked_paid_key: string | null;
  marked_paid_by: string | null;
  provider_reference: string | null;
  reconcile_attempts: number;
  next_reconcile_at: Date | null;
  capture_mode: PaymentCaptureMode;
  captured_amount: string;
  authorization_expires_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/**
 * The one way a payment (of `storeId`) moves: every report of the provider about its sale goes through
 * here, whoever brings it — the answer to our own call (processPayment, first try or retry), the
 * provider's webhook (Stripe's, or the simulated provider's delayed one) and the reconciliation job.
 * They can arrive in any order and any number of times: a conditional update moves the payment only
 * forward (PENDING or NEEDS_REVIEW → SUCCEEDED / AUTHORIZED / FAILED; a "still pending" report only while PENDING), so
 * the first final report settles it and emits payments.succeeded, payments.authorized or payments.failed once; every later one
 * changes nothing and answers the payment as it is. Three statements: the payment updated (its row lock
 * serializes concurrent reports), its sale written with a notification to whoever waits on the payment,
 * and the event. `actor` is the person whose action brought the report (staff marking a manual payment
 * paid), carried in the event for orders' audit trail; null for a provider's report.
 */
export async function settlePayment(tx: Tx, paymentId: string, storeId: string, outcome: ChargeOutcome, actor: EventActor = null): Promise<Payment | null> {
  const [row] = await returnedRows<PaymentRow>(
    tx.manager,
    `UPDATE payment SET status = $4, provider_reference = COALESCE($5, provider_reference),
            authorization_expires_at = COALESCE($6, authorization_expires_at), version = version + 1, updated_at = now()
      WHERE id = $1 AND store_id = $2 AND status = ANY($3::varchar[]) RETURNING *`,
    [
      paymentId,
      storeId,
      SETTLES_FROM[outcome.status],
      PAYMENT_STATUS[outcome.status],
      outcome.providerReference ?? null,
      outcome.status === 'authorized' ? outcome.expiresAt : null,
    ],
  );
  // settled already (the other answer came first), or not a payment of this store
  if (!row) return tx.manager.getRepository(Payment).findOneBy({ id: paymentId, storeId });
  const payment = paymentOf(row);

  await tx.manager.query(
    `WITH sale AS (
       UPDATE payment_transaction SET status = $4, provider_reference = COALESCE($5, provider_reference), error_code = $6, error_message = $7
        WHERE payment_id = $1 AND store_id = $2 AND type = $3 RETURNING id
     ), recorded AS (
       INSERT INTO payment_transaction (payment_id, store_id, type, status, amount, currency_code, provider_reference, error_code, error_message)
       SELECT $1::uuid, $2::uuid, $3::varchar, $4::varchar, $8::bigint, $9::char(3), $5::varchar, $6::varchar, $7::text
        WHERE NOT EXISTS (SELECT 1 FROM sale)
       RETURNING id
     )
     SELECT pg_notify($10::text, $11::text)`,
    [
      paymentId,
      storeId,
      firstCallOf(payment),
      TRANSACTION_STATUS[outcome.status],
      outcome.providerReference ?? null,
      outcome.status === 'failed' ? outcome.errorCode : null,
      'message' in outcome ? outcome.message : null,
      payment.amountMinorUnits,
      payment.currencyCode,
      CHANGES_CHANNEL,
      paymentChangeKey(paymentId),
    ],
  );
  if (outcome.status === 'succeeded') {
    await tx.emit({ type: PaymentEvents.succeeded, storeId, aggregateId: payment.orderId, data: succeededData(payment, actor) });
  } else if (outcome.status === 'authorized') {
    await tx.emit({ type: PaymentEvents.authorized, storeId, aggregateId: payment.orderId, data: authorizedData(payment) });
  } else if (outcome.status === 'failed') {
    await tx.emit({ type: PaymentEvents.failed, storeId, aggregateId: payment.orderId, data: failedData(payment, outcome) });
  }
  return payment;
}

/** The provider call that makes a payment: a SALE, or in a MANUAL-capture store an AUTHORIZATION. */
export function firstCallOf(payment: Pick<Payment, 'captureMode'>): PaymentTransactionType {
  return payment.captureMode === 'MANUAL' ? PaymentTransactionType.AUTHORIZATION : PaymentTransactionType.SALE;
}

/** The sale or authorization of a payment (what its userError is made from when it failed). */
export function findSale(tx: Pick<Tx, 'manager'>, paymentId: string, storeId: string): Promise<PaymentTransaction | null> {
  return tx.manager
    .getRepository(PaymentTransaction)
    .findOneBy({ paymentId, storeId, type: In([PaymentTransactionType.SALE, PaymentTransactionType.AUTHORIZATION]) });
}

/** A payment row as UPDATE … RETURNING * gives it back. */
export function paymentOf(row: PaymentRow): Payment {
  return Object.assign(new Payment(), {
    id: row.id,
    storeId: row.store_id,
    orderId: row.order_id,
    customerId: row.customer_id,
    email: row.email,
    amountMinorUnits: safeIntegerFrom(row.amount, 'payment amount'),
    currencyCode: row.currency_code,
    status: row.status,
    provider: row.provider,
    idempotencyKey: row.idempotency_key,
    paymentMethod: row.payment_method,
    method: row.method,
    instructions: row.instructions,
    markedPaidKey: row.marked_paid_key,
    markedPaidBy: row.marked_paid_by,
    providerReference: row.provider_reference,
    reconcileAttempts: row.reconcile_attempts,
    nextReconcileAt: row.next_reconcile_at === null ? null : new Date(row.next_reconcile_at),
    captureMode: row.capture_mode,
    capturedMinorUnits: safeIntegerFrom(row.captured_amount, 'payment captured amount'),
    authorizationExpiresAt: row.authorization_expires_at === null ? null : new Date(row.authorization_expires_at),
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}
