import { Money, type Logger, type Tx } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { ProviderErrorCodes, RefundRefusedError } from '../provider/payment-provider';
import type { RefundRetrySettings } from '../payments.config';
import { Payment } from '../payment/payment.entity';
import { OPEN_AUTHORIZATION, PaymentStatus } from '../payment/payment-status';
import { PaymentTransaction } from '../payment/payment-transaction.entity';
import { PaymentTransactionStatus, PaymentTransactionType } from '../payment/payment-transaction-kind';
import { PaymentEvents, refundFailedData, refundSucceededData } from '../payment/payment.events';
import { refundRequestKeyOf } from '../payment/provider-keys';
import { requestedRefundOf, type RefundRequestRow } from './refund-request';

export type RefundAttemptOutcome = 'succeeded' | 'retrying' | 'failed';

const HOUR_SECONDS = 3600;

/**
 * One provider call for a locked PENDING refund request, in the caller's transaction. Success: a REFUND
 * transaction, the payment REFUNDED once everything it took is given back, payments.refunded with the
 * refund id and this refund's amount. Failure: a FAILED REFUND transaction and the next try after a backoff
 * doubling from `backoffSeconds`; the `maxAttempts`-th failure, or a refund that can never succeed (no
 * captured payment, more than is left of it), ends in payments.refund-failed: never only a dead letter.
 */
export async function attemptRefund(
  tx: Tx,
  provider: PaymentProvider,
  row: RefundRequestRow,
  settings: RefundRetrySettings,
  logger: Logger,
): Promise<RefundAttemptOutcome> {
  const refund = requestedRefundOf(row);
  const payment = await lockRefundablePayment(tx, row.order_id, row.store_id);
  if (!payment?.providerReference)
    return fail(tx, row, null, { errorCode: ProviderErrorCodes.refundFailed, message: 'The order has no captured payment left to refund' }, true);
  const refundedBefore = await refundedOf(tx, payment);
  if (refund.amount > payment.takenMinorUnits - refundedBefore) {
    return fail(tx, row, payment, { errorCode: ProviderErrorCodes.refundFailed, message: 'The refund is more than is left of the payment' }, true);
  }
  const transactions = tx.manager.getRepository(PaymentTransaction);
  const record = (status: PaymentTransactionStatus, providerReference: string | null, error: { errorCode: string; message: string } | null) =>
    transactions.save(
      transactions.create({
        paymentId: payment.id,
        storeId: payment.storeId,
        type: PaymentTransactionType.REFUND,
        status,
        amountMinorUnits: refund.amount,
        currencyCode: refund.currencyCode,
        providerReference,
        errorCode: error?.errorCode ?? null,
        errorMessage: error?.message ?? null,
        refundId: refund.refundId,
      }),
    );
  try {
    const done = await provider.refund({
      paymentId: payment.id,
      orderId: payment.orderId,
      providerReference: payment.providerReference,
      amount: Money.of(refund.amount, refund.currencyCode),
      reason: 'requested by the store',
      idempotencyKey: refundRequestKeyOf(refund.refundId, row.order_attempt),
    });
    await record(PaymentTransactionStatus.SUCCEEDED, done.providerReference, null);
  } catch (error) {
    const failure =
      error instanceof RefundRefusedError
        ? { errorCode: error.errorCode, message: error.message }
        : { errorCode: ProviderErrorCodes.providerUnavailable, message: 'The payment provider could not be reached' };
    logger.warn({ err: error, refundId: refund.refundId, try: row.tries + 1 }, 'the provider refused or missed a refund');
    await record(PaymentTransactionStatus.FAILED, null, failure);
    return fail(tx, row, payment, failure, false, settings);
  }
  // an authorization still held may take more: it stays open whatever was refunded of its captures
  if (!OPEN_AUTHORIZATION.includes(payment.status) && refundedBefore + refund.amount >= payment.takenMinorUnits) {
    payment.status = PaymentStatus.REFUNDED;
    await tx.manager.getRepository(Payment).save(payment);
  }
  await tx.manager.query(`UPDATE refund_request SET status = 'SUCCEEDED', tries = tries + 1, last_error = NULL, updated_at = now() WHERE refund_id = $1`, [
    refund.refundId,
  ]);
  await tx.emit({ type: PaymentEvents.refunded, storeId: payment.storeId, aggregateId: payment.orderId, data: refundSucceededData(payment, refund) });
  logger.info({ orderId: payment.orderId, refundId: refund.refundId, amount: refund.amount }, 'refund made');
  return 'succeeded';
}

/**
 * The order's payment that took money, row-locked: a sale or closed authorization (SUCCEEDED), or an authorization
 * captured in part, still held (PARTIALLY_CAPTURED) or released after (VOIDED).
 */
function lockRefundablePayment(tx: Tx, orderId: string, storeId: string): Promise<Payment | null> {
  return tx.manager
    .getRepository(Payment)
    .createQueryBuilder('p')
    .setLock('pessimistic_write')
    .where('p.order_id = :orderId AND p.store_id = :storeId', { orderId, storeId })
    .andWhere('(p.status = :succeeded OR (p.status IN (:...partly) AND p.captured_amount > 0))', {
      succeeded: PaymentStatus.SUCCEEDED,
      partly: [PaymentStatus.PARTIALLY_CAPTURED, PaymentStatus.VOIDED],
    })
    .getOne();
}

/** Money already given back on the payment (its succeeded REFUND transactions). */
async function refundedOf(tx: Tx, payment: Payment): Promise<number> {
  const [row]: { amount: string | null }[] = await tx.manager.query(
    `SELECT sum(amount) AS amount FROM payment_transaction WHERE payment_id = $1 AND store_id = $2 AND type = $3 AND status = $4`,
    [payment.id, payment.storeId, PaymentTransactionType.REFUND, PaymentTransactionStatus.SUCCEEDED],
  );
  return Number(row?.amount ?? 0);
}

/** Counts a failed try: due again after the backoff, or FAILED for good with payments.refund-failed. */
async function fail(
  tx: Tx,
  row: RefundRequestRow,
  payment: Payment | null,
  failure: { errorCode: string; message: string },
  final: boolean,
  settings?: RefundRetrySettings,
): Promise<RefundAttemptOutcome> {
  const tries = row.tries + 1;
  const last = final || !settings || tries >= settings.maxAttempts;
  const backoff = settings ? Math.min(HOUR_SECONDS, settings.backoffSeconds * 2 ** (tries - 1)) : 0;
  await tx.manager.query(
    `UPDATE refund_request SET status = $2, tries = $3, last_error = $4, next_try_at = now() + make_interval(secs => $5::float8), updated_at = now()
      WHERE refund_id = $1`,
    [row.refund_id, last ? 'FAILED' : 'PENDING', tries, failure.message, backoff],
  );
  if (!last) return 'retrying';
  await tx.emit({
    type: PaymentEvents.refundFailed,
    storeId: row.store_id,
    aggregateId: row.order_id,
    data: refundFailedData({ orderId: row.order_id, paymentId: payment?.id ?? null }, requestedRefundOf(row), { ...failure, attempts: tries }),
  });
  return 'failed';
}
