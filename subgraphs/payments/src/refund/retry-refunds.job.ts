import { inScope, periodicJob, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import type { RefundRetrySettings } from '../payments.config';
import { claimDueRefund } from './refund-request';
import { attemptRefund, type RefundAttemptOutcome } from './attempt-refund';

const BATCH = 100;

/** Tries due refunds again every `backoffSeconds` (at most a minute apart). */
export function retryRefundsJob(provider: PaymentProvider, settings: RefundRetrySettings) {
  return periodicJob('refund retries', Math.min(settings.backoffSeconds, 60) * 1000, (runtime) => retryDueRefunds(runtime, provider, settings));
}

/**
 * Every PENDING refund request whose next try is due is tried once more, each in its own store's
 * transaction with its row locked (SKIP LOCKED: replicas share the work). Returns what each try came to.
 */
export async function retryDueRefunds(
  runtime: SubgraphRuntime,
  provider: PaymentProvider,
  settings: RefundRetrySettings,
): Promise<Record<string, RefundAttemptOutcome>> {
  const due: { refund_id: string; store_id: string }[] = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
    manager.query(`SELECT refund_id, store_id FROM refund_request WHERE status = 'PENDING' AND next_try_at <= now() ORDER BY next_try_at LIMIT $1`, [BATCH]),
  );
  const outcomes: Record<string, RefundAttemptOutcome> = {};
  for (const candidate of due) {
    const trace = { correlationId: candidate.refund_id, causationId: null };
    await runtime.unitOfWork
      .forScope(candidate.store_id)
      .run(trace, async (tx) => {
        const row = await claimDueRefund(tx.manager, candidate.refund_id, candidate.store_id);
        if (row) outcomes[candidate.refund_id] = await attemptRefund(tx, provider, row, settings, runtime.logger);
      })
      .catch((error: unknown) => runtime.logger.warn({ err: error, refundId: candidate.refund_id }, 'retrying a refund failed; will try again'));
  }
  return outcomes;
}
