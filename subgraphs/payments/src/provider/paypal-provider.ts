import { ApiError, OrdersController, PaymentsController, type Client, type Order, type Refund } from '@paypal/paypal-server-sdk';
import type { FieldError } from '@ultramarket/kit';
import {
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
import { toPayPalMoney, samePayPalAmount } from './paypal-amount';
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
    return outcomeOfOrder(order, request.amount);
  }

  /**
   * Refunds the order's capture with `PayPal-Request-Id` = our refund key: a retry answers the same refund. A capture
   * refunded by someone else already (PayPal's dashboard: CAPTURE_FULLY_REFUNDED) counts as done, referenced by the capture.
   */
  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const order = await this.orderOf(request.providerReference);
    const [capture] = capturedOf(order);
    if (!capture?.id) throw new Error(`PayPal order ${request.providerReference} has no capture to refund`);
    let refund: Refund;
    try {
      ({ result: refund } = await this.payments.refundCapturedPayment({
        captureId: capture.id,
        paypalRequestId: request.idempotencyKey,
        prefer: 'return=representation',
        body: { amount: toPayPalMoney(request.amount), customId: request.paymentId },
      }));
    } catch (error) {
      if (error instanceof ApiError && JSON.stringify(error.result ?? {}).includes('CAPTURE_FULLY_REFUNDED')) return { providerReference: capture.id };
      throw withoutCredentials(error);
    }
    if (refund.status === 'CANCELLED' || refund.status === 'FAILED') throw new Error(`PayPal refund ${refund.id} ended ${refund.status}`);
    if (!refund.id) throw new Error(`PayPal answered the refund of capture ${capture.id} without an id`);
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

  // Authorize-then-capture with PayPal (Orders v2 intent AUTHORIZE) is being built; until then a store in MANUAL
  // capture mode cannot take PayPal payments: the authorization is refused and nothing is taken.
  authorize(): Promise<ChargeOutcome> {
    return Promise.resolve({
      status: 'failed',
      providerReference: null,
      errorCode: 'paypal_authorization_unsupported',
      message: 'PayPal payments are captured at once only',
    });
  }

  capture(_request: CaptureRequest): Promise<CaptureOutcome> {
    return Promise.reject(new ProviderRefusal('paypal_authorization_unsupported', 'PayPal payments are captured at once only'));
  }

  void(_request: VoidRequest): Promise<void> {
    return Promise.reject(new ProviderRefusal('paypal_authorization_unsupported', 'PayPal payments are captured at once only'));
  }

  lookupAuthorization(_request: LookupRequest): Promise<AuthorizationState | null> {
    return Promise.resolve(null);
  }
}
