import type { Tx } from '@ultramarket/kit';
import { MANUAL_PROVIDER } from '../manual-method/manual-method-kind';
import { PaymentStatus } from '../payment/payment-status';
import { PaymentTransactionStatus, PaymentTransactionType } from '../payment/payment-transaction-kind';

/** The error code on the FAILED sale of a manual payment whose money never came while the order could take it. */
export const MANUAL_PAYMENT_NOT_RECEIVED = 'manual_payment_not_received';

/**
 * When an order closes (its reservation expired or it was cancelled) while its manual payment still awaits the
 * money, that payment becomes FAILED with a FAILED sale saying why, so it can never be marked paid afterwards.
 * No payments.failed is published: nothing was declined, and the order's cancellation already told everyone.
 */
export async function failAwaitedManualPayment(tx: Tx, orderId: string, storeId: string, reason: string): Promise<void> {
  await tx.manager.query(
    `WITH failed AS (
       UPDATE payment SET status = $4, version = version + 1, updated_at = now()
        WHERE order_id = $1 AND store_id = $2 AND provider = $3 AND status = $5 RETURNING id, amount, currency_code
     )
     INSERT INTO payment_transaction (payment_id, store_id, type, status, amount, currency_code, error_code, error_message)
     SELECT id, $2::uuid, $6::varchar, $7::varchar, amount, currency_code, $8::varchar, $9::text FROM failed`,
    [
      orderId,
      storeId,
      MANUAL_PROVIDER,
      PaymentStatus.FAILED,
      PaymentStatus.PENDING,
      PaymentTransactionType.SALE,
      PaymentTransactionStatus.FAILED,
      MANUAL_PAYMENT_NOT_RECEIVED,
      `The payment was not received before the order closed: ${reason}`,
    ],
  );
}
