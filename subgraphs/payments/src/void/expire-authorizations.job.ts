import { inScope, periodicJob, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { OPEN_AUTHORIZATION } from '../payment/payment-status';
import { lockPayment } from '../capture/capture-authorization';
import { voidAuthorization } from './void-authorization';

const BATCH = 100;

/** Runs `voidExpiredAuthorizations` every `intervalSeconds` (the kit's scheduler: no overlap, failures retried). */
export function expireAuthorizationsJob(provider: PaymentProvider, intervalSeconds: number) {
  return periodicJob('authorization expiry', intervalSeconds * 1000, (runtime) => voidExpiredAuthorizations(runtime, provider));
}

/**
 * Voids every open authorization whose provider deadline (`authorization_expires_at`, from the provider's answer)
 * has passed: the provider can no longer capture it, so the hold is released and payments.voided tells orders
 * (its payment status becomes VOIDED; the order itself stays as it is for staff, as Shopify leaves it). Each
 * payment is voided in its own store's transaction under its row lock, so a capture running at the same moment
 * goes first or finds it VOIDED. Returns the voided payments' ids.
 */
export async function voidExpiredAuthorizations(runtime: SubgraphRuntime, provider: PaymentProvider): Promise<string[]> {
  const due: { id: string; store_id: string }[] = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
    manager.query(
      `SELECT id, store_id FROM payment WHERE status = ANY($1::varchar[]) AND authorization_expires_at <= now() ORDER BY authorization_expires_at LIMIT $2`,
      [OPEN_AUTHORIZATION, BATCH],
    ),
  );
  const voided: string[] = [];
  for (const candidate of due) {
    const trace = { correlationId: candidate.id, causationId: null };
    await runtime.unitOfWork
      .forScope(candidate.store_id)
      .run(trace, async (tx) => {
        const payment = await lockPayment(tx, { id: candidate.id, storeId: candidate.store_id });
        if (!payment?.authorizationExpiresAt || payment.authorizationExpiresAt > new Date()) return;
        if (await voidAuthorization(tx, provider, payment, 'the authorization expired before it was captured', null)) voided.push(payment.id);
      })
      // one payment's failure is logged and retried at the next sweep; the others go on
      .catch((error: unknown) => runtime.logger.warn({ err: error, paymentId: candidate.id }, 'voiding an expired authorization failed; will retry'));
  }
  if (voided.length > 0) runtime.logger.info({ voided: voided.length }, 'expired authorizations voided');
  return voided;
}
