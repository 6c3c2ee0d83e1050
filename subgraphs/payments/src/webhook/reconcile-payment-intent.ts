import type Stripe from 'stripe';
import type { Repository } from 'typeorm';
import { inScope, isUuid, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import { Payment } from '../payment/payment.entity';
import { PaymentStatus } from '../payment/payment-status';
import { settlePayment } from '../payment/settle-payment';
import { chargeOutcomeOf } from '../provider/stripe-provider';
import { OPEN_AUTHORIZATION } from '../payment/payment-status';
import { lockPayment } from '../capture/capture-authorization';
import { recordVoid } from '../void/void-authorization';

/**
 * The PaymentIntent events payments applies: a sale's outcome (succeeded, payment_failed), an authorization
 * (amount_capturable_updated: the hold is placed, settled as AUTHORIZED) and a cancellation (canceled: an
 * authorized payment is VOIDED; an unconfirmed one FAILED).
 */
const HANDLED = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.amount_capturable_updated', 'payment_intent.canceled'] as const;

type PaymentIntentEvent = Extract<Stripe.Event, { type: (typeof HANDLED)[number] }>;

function isPaymentIntentEvent(event: Stripe.Event): event is PaymentIntentEvent {
  return (HANDLED as readonly string[]).includes(event.type);
}

export type ReconcileResult = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies a Stripe event about a PaymentIntent to its payment, once: the event id is recorded in
 * the same transaction, and `settlePayment` changes only a payment still PENDING. This is how a
 * payment whose provider call timed out (or whose process died mid-call) gets its outcome.
 * The webhook knows no store: the payment is only looked up across stores; everything else happens
 * in the payment's own store scope, so this work can never touch another store's rows.
 */
export async function reconcileStripeEvent(runtime: SubgraphRuntime, event: Stripe.Event): Promise<ReconcileResult> {
  if (!isPaymentIntentEvent(event)) return 'ignored';
  const intent = event.data.object;
  const found = await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) => paymentOf(manager.getRepository(Payment), intent));
  // without a payment the transaction only records the event: it has no store and could not read any store's rows
  const unitOfWork = runtime.unitOfWork.forScope(found?.storeId ?? null);
  return unitOfWork.run({ correlationId: event.id, causationId: event.id }, async (tx) => {
    const fresh: unknown[] = await tx.manager.query(
      `INSERT INTO stripe_webhook_event (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.type],
    );
    if (fresh.length === 0) return 'duplicate';
    const payment = found ? await tx.manager.getRepository(Payment).findOneBy({ id: found.id, storeId: found.storeId }) : null;
    if (payment && event.type === 'payment_intent.canceled' && OPEN_AUTHORIZATION.includes(payment.status)) {
      // canceled at Stripe (from the dashboard, or when the hold expired): the authorization is gone, as our own void would leave it
      const locked = (await lockPayment(tx, { id: payment.id, storeId: payment.storeId })) ?? payment;
      if (OPEN_AUTHORIZATION.includes(locked.status))
        await recordVoid(tx, locked, `canceled at Stripe (${intent.cancellation_reason ?? 'no reason given'})`, null);
      return 'applied';
    }
    const outcome = chargeOutcomeOf(intent);
    if (!payment || outcome.status === 'pending') {
      runtime.logger.info({ stripeEvent: event.id, paymentIntent: intent.id }, 'Stripe event with nothing to apply; ignored');
      return 'ignored';
    }
    if (payment.status === PaymentStatus.FAILED && outcome.status === 'succeeded') {
      // cannot happen with confirm-at-creation and no redirects; if it does, an operator must refund by hand
      runtime.logger.error({ paymentId: payment.id, paymentIntent: intent.id }, 'Stripe took the money of a payment recorded as FAILED');
    }
    await settlePayment(tx, payment.id, payment.storeId, outcome);
    return 'applied';
  });
}

/** Our PaymentIntents carry metadata.paymentId; the PaymentIntent id is the fallback. */
function paymentOf(payments: Repository<Payment>, intent: Stripe.PaymentIntent): Promise<Payment | null> {
  const paymentId = intent.metadata?.paymentId;
  if (isUuid(paymentId)) return payments.findOneBy({ id: paymentId });
  return payments.findOneBy({ providerReference: intent.id });
}
