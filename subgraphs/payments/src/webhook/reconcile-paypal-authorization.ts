import type { AuthorizationWithAdditionalData } from '@paypal/paypal-server-sdk';
import { inScope, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import { lockPayment } from '../capture/capture-authorization';
import { OPEN_AUTHORIZATION, PaymentStatus } from '../payment/payment-status';
import { settlePayment } from '../payment/settle-payment';
import { outcomeOfAuthorization } from '../provider/paypal-authorization';
import { recordVoid } from '../void/void-authorization';
import { paymentOfPayPalOrder, type PayPalEvent, type PayPalWebhookResult } from './reconcile-paypal-capture';

/**
 * PAYMENT.AUTHORIZATION.CREATED / VOIDED, converging with the synchronous answers as Stripe's
 * `amount_capturable_updated` / `canceled` do. The payment is the one whose PayPal order the authorization
 * belongs to (`supplementary_data.related_ids.order_id`), found across stores (a read only) and changed in its
 * own store's scope under its row lock. CREATED settles a payment still PENDING (our answer was lost) as
 * AUTHORIZED through `settlePayment`, with PayPal's expiry and only for exactly its amount; an AUTHORIZED one is
 * `unchanged`. VOIDED (in PayPal's dashboard, or PayPal expiring it) voids an open authorization as our own void
 * would (`recordVoid`: VOID transaction, VOIDED, payments.voided); a PENDING payment fails; anything else is `unchanged`.
 */
export async function reconcilePayPalAuthorization(runtime: SubgraphRuntime, event: PayPalEvent): Promise<PayPalWebhookResult> {
  const paypalOrderId = event.resource?.supplementary_data?.related_ids?.order_id;
  const found = paypalOrderId ? await inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) => paymentOfPayPalOrder(manager, paypalOrderId)) : null;
  if (!found || !paypalOrderId) {
    runtime.logger.info({ paypalEvent: event.id, paypalOrder: paypalOrderId }, 'PayPal event about no payment of ours; ignored');
    return 'ignored';
  }
  const resource = event.resource ?? {};
  // the event's resource is the authorization, in PayPal's snake_case JSON: the fields outcomeOfAuthorization reads
  const authorization: AuthorizationWithAdditionalData = {
    id: resource.id,
    status: (event.event_type === 'PAYMENT.AUTHORIZATION.VOIDED' ? 'VOIDED' : resource.status) as AuthorizationWithAdditionalData['status'],
    expirationTime: resource.expiration_time,
    amount: resource.amount?.currency_code && resource.amount.value ? { currencyCode: resource.amount.currency_code, value: resource.amount.value } : undefined,
  };
  return runtime.unitOfWork.forScope(found.storeId).run({ correlationId: event.id, causationId: event.id }, async (tx) => {
    const payment = await lockPayment(tx, { id: found.id, storeId: found.storeId });
    if (!payment) return 'ignored';
    if (event.event_type === 'PAYMENT.AUTHORIZATION.VOIDED' && OPEN_AUTHORIZATION.includes(payment.status)) {
      await recordVoid(tx, payment, `voided at PayPal (authorization ${resource.id ?? 'unknown'})`, null);
      return 'applied';
    }
    const settles = payment.status === PaymentStatus.PENDING || payment.status === PaymentStatus.NEEDS_REVIEW;
    if (!settles) return 'unchanged';
    const outcome = outcomeOfAuthorization(authorization, payment.amount, paypalOrderId);
    if (outcome.status === 'pending') return 'unchanged';
    await settlePayment(tx, payment.id, payment.storeId, outcome);
    return 'applied';
  });
}
