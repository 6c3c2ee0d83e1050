import type { EntityManager } from 'typeorm';
import { inScope, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import { Payment } from '../payment/payment.entity';
import { PaymentStatus } from '../payment/payment-status';
import { PaymentTransaction } from '../payment/payment-transaction.entity';
import { PaymentTransactionType } from '../payment/payment-transaction-kind';
import { settlePayment } from '../payment/settle-payment';
import type { ChargeOutcome } from '../provider/payment-provider';
import { samePayPalAmount } from '../provider/paypal-amount';
import { amountMismatch } from '../provider/paypal-outcome';
import { reconcilePayPalAuthorization } from './reconcile-paypal-authorization';

/** `applied`: the event settled the payment; `unchanged`: it was settled already (or the refund is ours); `ignored`: nothing of ours to apply. */
export type PayPalWebhookResult = 'applied' | 'unchanged' | 'ignored';

/** A PayPal webhook event (the fields we read; `resource` is the capture or refund, in PayPal's snake_case JSON). */
export interface PayPalEvent {
  id: string;
  event_type: string;
  resource?: PayPalResource;
}

interface PayPalResource {
  id?: string;
  status?: string;
  amount?: { currency_code?: string; value?: string };
  /** An authorization's deadline for capturing. */
  expiration_time?: string;
  /** `authorization_id`: a capture of an authorization (a MANUAL store's), not of the order. */
  supplementary_data?: { related_ids?: { order_id?: string; authorization_id?: string } };
  links?: { rel?: string; href?: string }[];
}

export function isPayPalEvent(value: unknown): value is PayPalEvent {
  const event = value as Partial<PayPalEvent> | null;
  return typeof event === 'object' && event !== null && typeof event.id === 'string' && typeof event.event_type === 'string';
}

/**
 * Applies a verified PayPal event to its payment. PAYMENT.CAPTURE.COMPLETED / DENIED settle it through
 * `settlePayment`, exactly as the synchronous answer and reconciliation do (whichever final report comes first
 * settles it; a redelivery changes nothing, so no event ids need recording). The payment is the one whose PayPal
 * order the capture belongs to (`supplementary_data.related_ids.order_id`), found across stores (a read only);
 * it is settled in its own store's scope. A completed capture settles it SUCCEEDED only for exactly its amount.
 * PAYMENT.CAPTURE.REFUNDED of a refund we made changes nothing; one made elsewhere (PayPal's dashboard) is
 * logged for staff: payments does not record refunds it did not make. A capture of an authorization (a MANUAL
 * store's: `related_ids.authorization_id`) is recorded by `capturePayment` from PayPal's answer, so its event changes
 * nothing. PAYMENT.AUTHORIZATION.CREATED / VOIDED: `reconcile-paypal-authorization.ts`.
 */
export async function reconcilePayPalEvent(runtime: SubgraphRuntime, event: PayPalEvent): Promise<PayPalWebhookResult> {
  if (event.event_type === 'PAYMENT.AUTHORIZATION.CREATED' || event.event_type === 'PAYMENT.AUTHORIZATION.VOIDED') {
    return reconcilePayPalAuthorization(runtime, event);
  }
  if (event.event_type === 'PAYMENT.CAPTURE.COMPLETED' || event.event_type === 'PAYMENT.CAPTURE.DENIED') {
    return event.resource?.supplementary_data?.related_ids?.authorization_id ? noteAuthorizationCapture(runtime, event) : settleFromCapture(runtime, event);
  }
  if (event.event_type === 'PAYMENT.CAPTURE.REFUNDED') return noteRefund(runtime, event);
  return 'ignored';
}

/**
 * A capture of an authorization: `capturePayment` records each capture it makes from PayPal's synchronous
 * answer, so the event changes nothing; a capture made elsewhere (PayPal's dashboard) is logged for staff.
 */
async function noteAuthorizationCapture(runtime: SubgraphRuntime, event: PayPalEvent): Promise<PayPalWebhookResult> {
  const captureId = event.resource?.id;
  const ours = captureId
    ? await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
        manager.getRepository(PaymentTransaction).findOneBy({ type: PaymentTransactionType.CAPTURE, providerReference: captureId }),
      )
    : null;
  if (ours) return 'unchanged';
  runtime.logger.warn(
    { paypalEvent: event.id, type: event.event_type, capture: captureId, authorization: event.resource?.supplementary_data?.related_ids?.authorization_id },
    'PayPal reports a capture of an authorization payments did not make (e.g. from the PayPal dashboard): staff must reconcile it',
  );
  return 'ignored';
}

async function settleFromCapture(runtime: SubgraphRuntime, event: PayPalEvent): Promise<PayPalWebhookResult> {
  const paypalOrderId = event.resource?.supplementary_data?.related_ids?.order_id;
  const found = paypalOrderId ? await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) => paymentOfPayPalOrder(manager, paypalOrderId)) : null;
  if (!found || !paypalOrderId) {
    runtime.logger.info({ paypalEvent: event.id, paypalOrder: paypalOrderId }, 'PayPal event about no payment of ours; ignored');
    return 'ignored';
  }
  const outcome = outcomeOfCaptureEvent(event, found, paypalOrderId);
  return runtime.unitOfWork.forScope(found.storeId).run({ correlationId: event.id, causationId: event.id }, async (tx) => {
    const payment = await tx.manager.getRepository(Payment).findOne({ where: { id: found.id, storeId: found.storeId }, lock: { mode: 'pessimistic_write' } });
    if (!payment) return 'ignored';
    if (payment.status === PaymentStatus.FAILED && event.event_type === 'PAYMENT.CAPTURE.COMPLETED') {
      // a capture reported for a payment recorded as FAILED (e.g. a late PENDING capture completing): an operator must refund it
      runtime.logger.error(
        { paymentId: payment.id, paypalOrder: paypalOrderId, capture: event.resource?.id },
        'PayPal took the money of a payment recorded as FAILED',
      );
    }
    if (outcome.status === 'failed' && outcome.errorCode === 'AMOUNT_MISMATCH') {
      runtime.logger.error(
        { paymentId: payment.id, paypalOrder: paypalOrderId, capture: event.resource?.id },
        'PayPal captured another amount than the payment’s: an operator must refund it',
      );
    }
    const settles = payment.status === PaymentStatus.PENDING || payment.status === PaymentStatus.NEEDS_REVIEW;
    await settlePayment(tx, payment.id, payment.storeId, outcome);
    return settles ? 'applied' : 'unchanged';
  });
}

function outcomeOfCaptureEvent(event: PayPalEvent, payment: Payment, paypalOrderId: string): ChargeOutcome {
  if (event.event_type === 'PAYMENT.CAPTURE.DENIED') {
    return { status: 'failed', providerReference: paypalOrderId, errorCode: 'CAPTURE_DECLINED', message: 'PayPal declined the payment' };
  }
  const amount = event.resource?.amount;
  const theirs = amount?.currency_code && amount.value ? { currencyCode: amount.currency_code, value: amount.value } : undefined;
  if (!samePayPalAmount(payment.amount, theirs)) return amountMismatch(payment.amount, theirs, paypalOrderId, true);
  return { status: 'succeeded', providerReference: paypalOrderId };
}

/**
 * The payment paid with this PayPal order: the one a report can still settle (PENDING, NEEDS_REVIEW) first, else
 * the latest. Its reference is the order id once our capture answered; before that, its token is (index
 * `payment_paypal_order`), so a payment whose process died mid-capture is found too.
 */
export async function paymentOfPayPalOrder(manager: EntityManager, paypalOrderId: string): Promise<Payment | null> {
  const [row]: { id: string }[] = await manager.query(
    `SELECT id FROM payment
      WHERE provider = 'paypal' AND (provider_reference = $1 OR payment_method = $2)
      ORDER BY status IN ('PENDING', 'NEEDS_REVIEW') DESC, created_at DESC LIMIT 1`,
    [paypalOrderId, `token:${paypalOrderId}`],
  );
  return row ? manager.getRepository(Payment).findOneBy({ id: row.id }) : null;
}

async function noteRefund(runtime: SubgraphRuntime, event: PayPalEvent): Promise<PayPalWebhookResult> {
  const refundId = event.resource?.id;
  const ours = refundId
    ? await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
        // a refund across several captures (an authorization captured in parts) is recorded with its refund ids comma-separated
        manager
          .getRepository(PaymentTransaction)
          .createQueryBuilder('t')
          .where(`t.type = :type AND :refundId = ANY(string_to_array(t.provider_reference, ','))`, { type: PaymentTransactionType.REFUND, refundId })
          .getOne(),
      )
    : null;
  if (ours) return 'unchanged';
  const capture = event.resource?.links?.find((link) => link.rel === 'up')?.href;
  runtime.logger.warn(
    { paypalEvent: event.id, refund: refundId, capture },
    'PayPal reports a refund payments did not make (e.g. from the PayPal dashboard): staff must reconcile it',
  );
  return 'ignored';
}
