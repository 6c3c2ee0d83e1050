import type { EntityManager } from 'typeorm';
import { inScope, periodicJob, PLATFORM_SCOPE, returnedRows, type SubgraphRuntime } from '@ultramarket/kit';
import type { ReconcileSettings } from '../payments.config';
import type { ChargeOutcome, PaymentProvider } from '../provider/payment-provider';
import type { Payment } from '../payment/payment.entity';
import { PaymentStatus } from '../payment/payment-status';
import { MANUAL_PROVIDER } from '../manual-method/manual-method-kind';
import { paymentOf, settlePayment, type PaymentRow } from '../payment/settle-payment';
import { chargeKeyOf } from '../payment/provider-keys';
import { CHANGES_CHANNEL, paymentChangeKey } from '../order/change-listener';

const BATCH = 100;

/** What one sweep did, payment by payment (tests and logs read it). */
export interface ReconcileSummary {
  settled: string[];
  stillPending: string[];
  needsReview: string[];
  failedToAsk: string[];
}

interface DuePayment {
  id: string;
  store_id: string;
}

/** Runs `reconcilePendingPayments` every `intervalSeconds` (the kit's scheduler: no overlap, failures retried). */
export function reconcilePaymentsJob(provider: PaymentProvider, settings: ReconcileSettings) {
  return periodicJob('payment reconciliation', settings.intervalSeconds * 1000, (runtime) => reconcilePendingPayments(runtime, provider, settings));
}

/**
 * Asks the provider about every payment PENDING longer than `afterSeconds` whose next attempt is due, and
 * settles it through `settlePayment` — the same function, and so the same events, as a synchronous answer
 * or a webhook: SUCCEEDED → payments.succeeded, FAILED → payments.failed, whichever of them comes first.
 * Still pending (or unknown to the provider): the attempt and the next one's time (backoff doubling from
 * `backoffSeconds` up to `backoffCapSeconds`) are recorded on the row; after `maxAttempts` the payment
 * becomes NEEDS_REVIEW, which staff see and which a late webhook still settles.
 *
 * Replicas share the work: each payment is claimed in a short transaction of its own store
 * (`FOR UPDATE SKIP LOCKED`, then the attempt recorded and committed), so no two replicas ask about the same
 * payment at once and a replica that dies mid-call leaves it due again after its backoff. The provider is
 * called outside any transaction. Due payments are found across stores (a read of ids only); everything
 * else happens in the payment's own store scope.
 */
export async function reconcilePendingPayments(runtime: SubgraphRuntime, provider: PaymentProvider, settings: ReconcileSettings): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { settled: [], stillPending: [], needsReview: [], failedToAsk: [] };
  const due: DuePayment[] = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
    manager.query(
      `SELECT id, store_id FROM payment
        WHERE status = $1 AND provider <> $4 AND created_at <= now() - make_interval(secs => $2) AND (next_reconcile_at IS NULL OR next_reconcile_at <= now())
        ORDER BY COALESCE(next_reconcile_at, created_at) LIMIT $3`,
      // a manual payment awaits staff, not a provider's answer: there is nobody to ask
      [PaymentStatus.PENDING, settings.afterSeconds, BATCH, MANUAL_PROVIDER],
    ),
  );
  for (const candidate of due) {
    // one payment's failure is logged and retried at its next attempt; the others go on
    await reconcileOne(runtime, provider, settings, candidate, summary).catch((error: unknown) => {
      runtime.logger.warn({ err: error, paymentId: candidate.id, storeId: candidate.store_id }, 'reconciling a pending payment failed; will retry');
      summary.failedToAsk.push(candidate.id);
    });
  }
  if (due.length > 0) runtime.logger.info({ ...countsOf(summary) }, 'payment reconciliation sweep');
  return summary;
}

async function reconcileOne(
  runtime: SubgraphRuntime,
  provider: PaymentProvider,
  settings: ReconcileSettings,
  candidate: DuePayment,
  summary: ReconcileSummary,
): Promise<void> {
  const unitOfWork = runtime.unitOfWork.forScope(candidate.store_id);
  const trace = { correlationId: candidate.id, causationId: null };
  const payment = await unitOfWork.run(trace, (tx) => claim(tx.manager, candidate, settings));
  if (!payment) return; // settled meanwhile, or another replica holds it

  let outcome: ChargeOutcome | null;
  try {
    outcome = await provider.lookup({
      paymentId: payment.id,
      providerReference: payment.providerReference,
      idempotencyKey: chargeKeyOf(payment.id),
      amount: payment.amount,
    });
  } catch (error) {
    runtime.logger.warn({ err: error, paymentId: payment.id, attempt: payment.reconcileAttempts }, 'the payment provider could not be asked; will retry');
    summary.failedToAsk.push(payment.id);
    await giveUpIfLast(runtime, payment, settings, summary);
    return;
  }
  if (outcome && outcome.status !== 'pending') {
    await unitOfWork.run(trace, (tx) => settlePayment(tx, payment.id, payment.storeId, outcome));
    summary.settled.push(payment.id);
    return;
  }
  // still processing: keep what the provider said (its reference), then wait for the next attempt
  if (outcome?.providerReference && outcome.providerReference !== payment.providerReference) {
    await unitOfWork.run(trace, (tx) => settlePayment(tx, payment.id, payment.storeId, outcome));
  }
  if (!(await giveUpIfLast(runtime, payment, settings, summary))) summary.stillPending.push(payment.id);
}

/** The payment, if still PENDING and due and no one else holds it, with this attempt and the next one's time recorded. */
async function claim(manager: EntityManager, candidate: DuePayment, settings: ReconcileSettings): Promise<Payment | null> {
  const [row] = await returnedRows<PaymentRow>(
    manager,
    `UPDATE payment SET reconcile_attempts = reconcile_attempts + 1,
            next_reconcile_at = now() + make_interval(secs => LEAST($4::float8, $3::float8 * power(2, reconcile_attempts)))
      WHERE id = (SELECT id FROM payment WHERE id = $1 AND store_id = $2 AND status = 'PENDING'
                     AND (next_reconcile_at IS NULL OR next_reconcile_at <= now()) FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [candidate.id, candidate.store_id, settings.backoffSeconds, settings.backoffCapSeconds],
  );
  return row ? paymentOf(row) : null;
}

/** After the last attempt: NEEDS_REVIEW (only from PENDING: a settlement that came meanwhile stands). */
async function giveUpIfLast(runtime: SubgraphRuntime, payment: Payment, settings: ReconcileSettings, summary: ReconcileSummary): Promise<boolean> {
  if (payment.reconcileAttempts < settings.maxAttempts) return false;
  const moved = await runtime.unitOfWork.forScope(payment.storeId).run({ correlationId: payment.id, causationId: null }, (tx) =>
    tx.manager.query(
      `WITH review AS (
         UPDATE payment SET status = $3, version = version + 1, updated_at = now() WHERE id = $1 AND store_id = $2 AND status = $4 RETURNING id
       )
       SELECT id, pg_notify($5::text, $6::text) FROM review`,
      [payment.id, payment.storeId, PaymentStatus.NEEDS_REVIEW, PaymentStatus.PENDING, CHANGES_CHANNEL, paymentChangeKey(payment.id)],
    ),
  );
  if ((moved as unknown[]).length === 0) return false;
  runtime.logger.error(
    { paymentId: payment.id, orderId: payment.orderId, attempts: payment.reconcileAttempts },
    'the payment provider could not settle this payment after every reconciliation attempt: NEEDS_REVIEW by staff',
  );
  summary.needsReview.push(payment.id);
  return true;
}

function countsOf(summary: ReconcileSummary) {
  return Object.fromEntries(Object.entries(summary).map(([key, ids]) => [key, (ids as string[]).length]));
}
