import type { Tx } from '@ultramarket/kit';
import type { ChargeOutcome } from '../provider/payment-provider';
import { Payment } from './payment.entity';
import { PaymentStatus } from './payment-status';
import { PaymentTransaction } from './payment-transaction.entity';
import { PaymentTransactionStatus, PaymentTransactionType } from './payment-transaction-kind';
import { failedData, PaymentEvents, succeededData } from './payment.events';

const TRANSACTION_STATUS: Record<ChargeOutcome['status'], PaymentTransactionStatus> = {
  succeeded: PaymentTransactionStatus.SUCCEEDED,
  failed: PaymentTransactionStatus.FAILED,
  pending: PaymentTransactionStatus.PENDING,
};

/**
 * Records what the provider said about a PENDING payment (of `storeId`) about its sale, under a row lock: the answer to
 * our own call and the provider's webhook can both arrive, in either order; the first one settles
 * the payment and emits payments.succeeded or payments.failed, the second changes nothing.
 */
export async function settlePayment(tx: Tx, paymentId: string, storeId: string, outcome: ChargeOutcome): Promise<Payment | null> {
  const payments = tx.manager.getRepository(Payment);
  const payment = await payments.findOne({ where: { id: paymentId, storeId }, lock: { mode: 'pessimistic_write' } });
  if (!payment || payment.status !== PaymentStatus.PENDING) return payment;

  const transactions = tx.manager.getRepository(PaymentTransaction);
  const sale =
    (await findSale(tx, paymentId, storeId)) ??
    transactions.create({
      paymentId,
      storeId,
      type: PaymentTransactionType.SALE,
      amountMinorUnits: payment.amountMinorUnits,
      currencyCode: payment.currencyCode,
    });
  sale.status = TRANSACTION_STATUS[outcome.status];
  sale.providerReference = outcome.providerReference ?? sale.providerReference ?? null;
  sale.errorCode = outcome.status === 'failed' ? outcome.errorCode : null;
  sale.errorMessage = outcome.status === 'succeeded' ? null : outcome.message;
  await transactions.save(sale);

  payment.providerReference = outcome.providerReference ?? payment.providerReference;
  if (outcome.status === 'succeeded') payment.status = PaymentStatus.SUCCEEDED;
  if (outcome.status === 'failed') payment.status = PaymentStatus.FAILED;
  const saved = await payments.save(payment);
  if (outcome.status === 'succeeded') {
    await tx.emit({ type: PaymentEvents.succeeded, storeId: saved.storeId, aggregateId: saved.orderId, data: succeededData(saved) });
  } else if (outcome.status === 'failed') {
    await tx.emit({ type: PaymentEvents.failed, storeId: saved.storeId, aggregateId: saved.orderId, data: failedData(saved, outcome) });
  }
  return saved;
}

/** The sale of a payment (what its userError is made from when it failed). */
export function findSale(tx: Pick<Tx, 'manager'>, paymentId: string, storeId: string): Promise<PaymentTransaction | null> {
  return tx.manager.getRepository(PaymentTransaction).findOneBy({ paymentId, storeId, type: PaymentTransactionType.SALE });
}
