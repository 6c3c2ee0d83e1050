import { ApiError, OrdersController, PaymentsController, type Client, type Order, type Refund } from '@paypal/paypal-server-sdk';
import type { FieldError, Money } from '@ultramarket/kit';
import {
  ProviderErrorCodes,
  ProviderRefusal,
  type AuthorizationState,
  type CaptureOutcome,
  type CaptureRequest,
  type ChargeOutcome,
  type ChargeRequest,
  type LookupRequest,
  type PaymentMethod,
  type PaymentProvider,
  type RefundOutcome,
  type RefundRequest,
  type VoidRequest,
} from './payment-provider';
import { minorUnitsOf, toPayPalMoney, samePayPalAmount } from './paypal-amount';
import {
  authorizationIdOf,
  authorizationsOf,
  authorizationStateOf,
  captureIntentRefused,
  capturedMinorUnitsOf,
  isVoidedAlready,
  outcomeOfAuthorizedOrder,
  refusalOf,
} from './paypal-authorization';
import { amountMismatch, capturedOf, orderAmountOf, outcomeOfError, outcomeOfOrder, withoutCredentials } from './paypal-outcome';

/** PayPal order ids as the JS SDK's `onApprove` hands them over (`data.orderID`, e.g. 5O190127TN364715T). */
const PAYPAL_ORDER_ID = /^[A-Z0-9]{10,36}$/;

/**
 * PayPal (Orders v2): the shopper creates and approves a PayPal order in the browser (PayPal JS SDK) and
 * `processPayment` gets its id as the token. The adapter reads the order first and captures it only when its
 * amount and currency are exactly the payment's (the browser chose them), then captures with
 * `PayPal-Request-Id` = our idempotency key, so a retried capture answers the first one's result and never
 * captures twice. The provider reference of a payment is the PayPal order id (like Stripe's PaymentIntent):
 * known before the call, so even an unanswered capture leaves the payment a reference to look up.
 * In a MANUAL store the order is created with intent AUTHORIZE and `authorize` authorizes it instead; the reference
 * is still the order id (refunds and the webhook find the payment by it), and capture, void and lookup read the
 * order's authorization from it (one GET more per call) before calling `/v2/payments/authorizations/{id}/…`.
 */
export class PayPalProvider implements PaymentProvider {
  readonly name = 'paypal' as const;
  private readonly orders: OrdersController;
  private readonly payments: PaymentsController;

  constructor(client: Client) {
    this.orders = new OrdersController(client);
    this.payments = new PaymentsController(client);
  }

  checkMethod(method: PaymentMethod): FieldError[] {
    if (method.cardNumber) {
      return [
        { field: ['input', 'paymentMethod', 'cardNumber'], message: 'card numbers are not accepted with PayPal; send the approved PayPal order id as token' },
      ];
    }
    if (method.token && !PAYPAL_ORDER_ID.test(method.token)) {
      return [{ field: ['input', 'paymentMethod', 'token'], message: 'token must be the id of a PayPal order the shopper approved (e.g. 5O190127TN364715T)' }];
    }
    return [];
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const orderId = request.method.token ?? '';
    try {
      const { result: order } = await this.orders.getOrder({ id: orderId });
      // captured before (by this payment's lost call, or by anyone): the capture below tells which
      if (capturedOf(order).length === 0 && !samePayPalAmount(request.amount, orderAmountOf(order))) {
        return amountMismatch(request.amount, orderAmountOf(order), orderId, false);
      }
      const { result: captured } = await this.orders.captureOrder({ id: orderId, paypalRequestId: request.idempotencyKey, prefer: 'return=representation' });
      const outcome = outcomeOfOrder(captured, request.amount) ?? {
        status: 'pending',
        providerReference: orderId,
        message: `PayPal answered the capture without one (order ${captured.status ?? 'in an unknown state'})`,
      };
      if (outcome.status === 'failed' && capturedOf(captured).length > 0) return this.giveBack(captured, request, outcome);
      return outcome;
    } catch (error) {
      return outcomeOfError(error, orderId);
    }
  }

  /**
   * The PayPal order the payment names, as it is now (reconciliation). No reference: our call never
   * answered and the process did not learn the order id either (it died mid-call): nothing to ask, the
   * webhook or staff settle it. An order not captured yet (our capture never reached PayPal) is null too.
   */
  async lookup(request: LookupRequest): Promise<ChargeOutcome | null> {
    if (!request.providerReference) return null;
    const order = await this.orderOf(request.providerReference);
    return order.intent === 'AUTHORIZE' ? outcomeOfAuthorizedOrder(order, request.amount) : outcomeOfOrder(order, request.amount);
  }

  /**
   * Refunds the order's capture with `PayPal-Request-Id` = our refund key: a retry answers the same refund. A capture
   * refunded by someone else already (PayPal's dashboard: CAPTURE_FULLY_REFUNDED) counts as done, referenced by the capture.
   * An authorization captured in parts (a MANUAL store) has several captures: the amount is refunded across them in
   * order, each with its own request id (`<key>-<n>`); the reference is their refund ids, comma-separated.
   */
  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const order = await this.orderOf(request.providerReference);
    const captures = capturedOf(order);
    if (!captures[0]?.id) throw new Error(`PayPal order ${request.providerReference} has no capture to refund`);
    if (captures.length === 1) return this.refundCapture(captures[0].id, request.amount, request.idempotencyKey, request.paymentId);
    const references: string[] = [];
    let left = request.amount.amount;
    for (const [index, capture] of captures.entries()) {
      const share = Math.min(left, capture.amount ? (minorUnitsOf(capture.amount) ?? 0) : 0);
      if (share <= 0 || !capture.id) continue;
      const refunded = await this.refundCapture(
        capture.id,
        { amount: share, currencyCode: request.amount.currencyCode },
        `${request.idempotencyKey}-${index + 1}`,
        request.paymentId,
      );
      references.push(refunded.providerReference);
      left -= share;
      if (left === 0) break;
    }
    if (left > 0) throw new Error(`PayPal order ${request.providerReference} has ${left} (minor units) less captured than the refund asks`);
    return { providerReference: references.join(',') };
  }

  private async refundCapture(captureId: string, amount: Money, requestId: string, paymentId: string): Promise<RefundOutcome> {
    let refund: Refund;
    try {
      ({ result: refund } = await this.payments.refundCapturedPayment({
        captureId,
        paypalRequestId: requestId,
        prefer: 'return=representation',
        body: { amount: toPayPalMoney(amount), customId: paymentId },
      }));
    } catch (error) {
      if (error instanceof ApiError && JSON.stringify(error.result ?? {}).includes('CAPTURE_FULLY_REFUNDED')) return { providerReference: captureId };
      throw withoutCredentials(error);
    }
    if (refund.status === 'CANCELLED' || refund.status === 'FAILED') throw new Error(`PayPal refund ${refund.id} ended ${refund.status}`);
    if (!refund.id) throw new Error(`PayPal answered the refund of capture ${captureId} without an id`);
    return { providerReference: refund.id };
  }

  /** The PayPal order as it is now; errors are thrown without the request that carried our token. */
  private async orderOf(id: string): Promise<Order> {
    try {
      return (await this.orders.getOrder({ id })).result;
    } catch (error) {
      throw withoutCredentials(error);
    }
  }

  /**
   * PayPal captured an amount that is not the payment's (the order changed between our check and the capture):
   * the sale fails, and what was taken is given back at once (its own request id, so a retry refunds once).
   */
  private async giveBack(order: Order, request: ChargeRequest, outcome: Extract<ChargeOutcome, { status: 'failed' }>): Promise<ChargeOutcome> {
    const [capture] = capturedOf(order);
    try {
      await this.payments.refundCapturedPayment({
        captureId: capture.id ?? '',
        paypalRequestId: `${request.idempotencyKey}-amount-mismatch`,
        body: { amount: capture.amount, customId: request.paymentId },
      });
      return { ...outcome, message: `${outcome.message}; what PayPal captured was refunded` };
    } catch {
      return { ...outcome, message: `${outcome.message}; refunding PayPal capture ${capture.id} failed: refund it in PayPal` };
    }
  }

  /**
   * The shopper approved a PayPal order created with intent AUTHORIZE: the adapter reads it, refuses an order of
   * intent CAPTURE (a MANUAL store takes the money as the order ships; nothing is captured) and one for another
   * amount or currency than the payment (as `charge`), then authorizes it with `PayPal-Request-Id` = our key (a retry
   * answers the same authorization). The outcome carries PayPal's `expiration_time` (29 days; the first 3 are its
   * honor period). The provider reference stays the PayPal order id: capture, void and lookup read its authorization.
   */
  async authorize(request: ChargeRequest): Promise<ChargeOutcome> {
    const orderId = request.method.token ?? '';
    try {
      const { result: order } = await this.orders.getOrder({ id: orderId });
      if (order.intent !== 'AUTHORIZE') return captureIntentRefused(orderId);
      // authorized before (by this payment's lost call): the authorize below answers it, amount checked there
      if (authorizationsOf(order).length === 0 && !samePayPalAmount(request.amount, orderAmountOf(order))) {
        return amountMismatch(request.amount, orderAmountOf(order), orderId, false);
      }
      const { result: authorized } = await this.orders.authorizeOrder({
        id: orderId,
        paypalRequestId: request.idempotencyKey,
        prefer: 'return=representation',
      });
      return (
        outcomeOfAuthorizedOrder(authorized, request.amount) ?? {
          status: 'pending',
          providerReference: orderId,
          message: `PayPal answered the authorization without one (order ${authorized.status ?? 'in an unknown state'})`,
        }
      );
    } catch (error) {
      return outcomeOfError(error, orderId);
    }
  }

  /**
   * `authorizations/{id}/capture` of the order's authorization with `PayPal-Request-Id` = our key: the amount, and
   * `final_capture` false until the last one (PayPal then releases the rest). PayPal's refusals are `ProviderRefusal`s
   * (`refusalOf`); anything else is thrown as unknown, and retried with the same request id.
   */
  async capture(request: CaptureRequest): Promise<CaptureOutcome> {
    try {
      const authorizationId = authorizationIdOf(await this.orderOf(request.providerReference));
      const { result: capture } = await this.payments.captureAuthorizedPayment({
        authorizationId,
        paypalRequestId: request.idempotencyKey,
        prefer: 'return=representation',
        body: { amount: toPayPalMoney(request.amount), finalCapture: request.final },
      });
      if (capture.status === 'DECLINED' || capture.status === 'FAILED') {
        throw new ProviderRefusal(ProviderErrorCodes.cardDeclined, `PayPal's capture ${capture.id ?? ''} ended ${capture.status}`);
      }
      if (!capture.id) throw new Error(`PayPal answered the capture of authorization ${authorizationId} without an id`);
      return { providerReference: capture.id, closed: request.final };
    } catch (error) {
      if (error instanceof ProviderRefusal) throw error;
      throw refusalOf(error);
    }
  }

  /** `authorizations/{id}/void` of the order's authorization; one voided already (by us, or in PayPal) counts as done. */
  async void(request: VoidRequest): Promise<void> {
    const authorizationId = authorizationIdOf(await this.orderOf(request.providerReference));
    try {
      await this.payments.voidPayment({ authorizationId, paypalRequestId: request.idempotencyKey, prefer: 'return=representation' });
    } catch (error) {
      if (isVoidedAlready(error)) return;
      const now = await this.payments.getAuthorizedPayment({ authorizationId }).catch(() => null);
      if (now?.result.status === 'VOIDED') return;
      throw refusalOf(error);
    }
  }

  /** The order's authorization (`GET /v2/payments/authorizations/{id}`) with what the order's captures took. */
  async lookupAuthorization(request: LookupRequest): Promise<AuthorizationState | null> {
    if (!request.providerReference) return null;
    const order = await this.orderOf(request.providerReference);
    const [held] = authorizationsOf(order);
    if (!held?.id) return null;
    try {
      const { result: authorization } = await this.payments.getAuthorizedPayment({ authorizationId: held.id });
      return authorizationStateOf(authorization, capturedMinorUnitsOf(order));
    } catch (error) {
      throw withoutCredentials(error);
    }
  }
}
