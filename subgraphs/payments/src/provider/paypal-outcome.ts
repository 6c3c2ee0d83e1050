import { ApiError, type Order, type OrdersCapture } from '@paypal/paypal-server-sdk';
import type { Money } from '@ultramarket/kit';
import { ProviderErrorCodes, type ChargeOutcome } from './payment-provider';
import { samePayPalAmount, toPayPalMoney, type PayPalMoney } from './paypal-amount';

/** The error codes the PayPal adapter records on a failed sale besides PayPal's own `issue` names. */
export const PayPalErrorCodes = {
  /** PayPal's order is for another amount or currency than the payment (checked before capturing, and after). */
  amountMismatch: 'AMOUNT_MISMATCH',
  /** No PayPal order has the id the shopper sent. */
  orderNotFound: 'RESOURCE_NOT_FOUND',
} as const;

/** A capture that took the money (a refund made later does not undo that it was taken). */
const CAPTURED = new Set(['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED']);

export function capturesOf(order: Order): OrdersCapture[] {
  return (order.purchaseUnits ?? []).flatMap((unit) => unit.payments?.captures ?? []);
}

export function capturedOf(order: Order): OrdersCapture[] {
  return capturesOf(order).filter((capture) => CAPTURED.has(capture.status ?? ''));
}

/** The order's whole amount, when it has one purchase unit (the only kind we accept: one order, one amount). */
export function orderAmountOf(order: Order): PayPalMoney | undefined {
  const units = order.purchaseUnits ?? [];
  return units.length === 1 ? units[0].amount : undefined;
}

/** What was captured: an order of intent CAPTURE has one capture; several are not a sale of ours (undefined: a mismatch). */
function capturedAmountOf(captures: OrdersCapture[]): PayPalMoney | undefined {
  return captures.length === 1 ? captures[0].amount : undefined;
}

export function amountMismatch(expected: Money, found: PayPalMoney | undefined, reference: string | null, captured: boolean): ChargeOutcome {
  const ours = toPayPalMoney(expected);
  const theirs = found ? `${found.value} ${found.currencyCode}` : 'another amount';
  return {
    status: 'failed',
    providerReference: reference,
    errorCode: PayPalErrorCodes.amountMismatch,
    message: `The PayPal order is for ${theirs}, not ${ours.value} ${ours.currencyCode}${captured ? '' : '; nothing was captured'}`,
  };
}

/**
 * What a PayPal order says of our sale. Captured: succeeded only for exactly the payment's amount and
 * currency (anything else is a failure, whose capture the caller gives back). A PENDING capture (e.g. an
 * eCheck) is pending; a DECLINED or FAILED one failed. An order not captured yet is null: PayPal took nothing
 * (our capture never reached it), so there is nothing to settle; a VOIDED order can never be captured.
 */
export function outcomeOfOrder(order: Order, expected: Money): ChargeOutcome | null {
  const reference = order.id ?? null;
  const captured = capturedOf(order);
  if (captured.length > 0) {
    const amount = capturedAmountOf(captured);
    if (!samePayPalAmount(expected, amount)) return amountMismatch(expected, amount, reference, true);
    return { status: 'succeeded', providerReference: reference ?? '' };
  }
  const captures = capturesOf(order);
  const pending = captures.find((capture) => capture.status === 'PENDING');
  if (pending) {
    const reason = pending.statusDetails?.reason ?? 'PENDING';
    return { status: 'pending', providerReference: reference, message: `PayPal is still processing the payment (${reason})` };
  }
  const refused = captures.find((capture) => capture.status === 'DECLINED' || capture.status === 'FAILED');
  if (refused) {
    return { status: 'failed', providerReference: reference, errorCode: `CAPTURE_${refused.status}`, message: 'PayPal declined the payment' };
  }
  if (order.status === 'VOIDED') return { status: 'failed', providerReference: reference, errorCode: 'ORDER_VOIDED', message: 'The PayPal order was voided' };
  return null;
}

/** PayPal's error name and the issue it details (`UNPROCESSABLE_ENTITY` / `INSTRUMENT_DECLINED`). */
export function issueOf(error: ApiError): { issue: string; description: string | null } {
  const result = (error.result ?? {}) as { name?: string; message?: string; details?: { issue?: string; description?: string }[] };
  const [detail] = result.details ?? [];
  return { issue: detail?.issue ?? result.name ?? `HTTP_${error.statusCode}`, description: detail?.description ?? result.message ?? null };
}

/** What the shopper can do about each refusal they can act on (PayPal's own descriptions are for developers). */
const SHOPPER_MESSAGES: Record<string, string> = {
  INSTRUMENT_DECLINED: 'PayPal declined the funding source; choose another one in PayPal and try again',
  PAYER_ACTION_REQUIRED: 'PayPal needs the buyer to complete a step in the PayPal window first; nothing was charged',
  ORDER_NOT_APPROVED: 'The PayPal order was not approved in the PayPal window yet; nothing was charged',
  ORDER_ALREADY_CAPTURED: 'This PayPal order was already used for another payment; start a new PayPal checkout',
  RESOURCE_NOT_FOUND: 'No such PayPal order',
  TRANSACTION_REFUSED: 'PayPal refused the transaction',
};

/**
 * A failed PayPal call as an outcome. 4xx refusals (INSTRUMENT_DECLINED, PAYER_ACTION_REQUIRED, ORDER_NOT_APPROVED,
 * ORDER_ALREADY_CAPTURED, RESOURCE_NOT_FOUND…) are final: PayPal processed the request and took nothing.
 * Refused credentials are PAYMENT_PROVIDER_UNAVAILABLE (nothing charged). A 429 (refused unprocessed), a 409
 * (a request with the same PayPal-Request-Id still in progress), a 5xx, a timeout or a lost connection leave
 * the outcome unknown: pending, settled by a retry with the same PayPal-Request-Id, the webhook or reconciliation.
 */
export function outcomeOfError(error: unknown, reference: string | null): ChargeOutcome {
  if (error instanceof ApiError && (error.statusCode === 401 || error.statusCode === 403)) {
    return {
      status: 'failed',
      providerReference: null,
      errorCode: ProviderErrorCodes.providerUnavailable,
      message: 'The payment provider refused our credentials',
    };
  }
  if (error instanceof ApiError && error.statusCode === 429) {
    return {
      status: 'pending',
      providerReference: reference,
      message: 'The payment provider is rate limiting requests; nothing was charged yet, try again shortly',
    };
  }
  if (error instanceof ApiError && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 408 && error.statusCode !== 409) {
    // PayPal names an unknown order RESOURCE_NOT_FOUND, detailing the issue as INVALID_RESOURCE_ID
    const { issue, description } = error.statusCode === 404 ? { issue: PayPalErrorCodes.orderNotFound, description: null } : issueOf(error);
    const known = SHOPPER_MESSAGES[issue];
    const nothingCharged = issue === PayPalErrorCodes.orderNotFound;
    return {
      status: 'failed',
      providerReference: nothingCharged ? null : reference,
      errorCode: issue,
      message: known ?? description ?? 'PayPal refused the payment',
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'pending', providerReference: reference, message: `The payment provider did not answer (${message}); the outcome will follow` };
}

/**
 * An error of the SDK as one safe to log and to throw on: the SDK's own errors carry the request, whose
 * headers hold our OAuth token (or, on the token call, the client secret); this keeps only what PayPal said.
 */
export function withoutCredentials(error: unknown): Error {
  if (error instanceof ApiError) {
    const { issue, description } = issueOf(error);
    return new Error(`PayPal answered HTTP ${error.statusCode} ${issue}${description ? `: ${description}` : ''}`);
  }
  return new Error(`PayPal could not be asked: ${error instanceof Error ? error.message : String(error)}`);
}
