import { ApiError, type AuthorizationWithAdditionalData, type Order, type PaymentAuthorization } from '@paypal/paypal-server-sdk';
import type { Money } from '@ultramarket/kit';
import { ProviderErrorCodes, ProviderRefusal, type AuthorizationState, type ChargeOutcome } from './payment-provider';
import { minorUnitsOf, samePayPalAmount } from './paypal-amount';
import { amountMismatch, capturedOf, issueOf, withoutCredentials } from './paypal-outcome';

/** The error codes the PayPal adapter records on a refused authorization besides PayPal's own `issue` names. */
export const PayPalAuthorizationErrorCodes = {
  /** A MANUAL-capture store was sent a PayPal order created with intent CAPTURE: it cannot be authorized, so nothing is taken. */
  captureIntent: 'ORDER_INTENT_CAPTURE',
  /** PayPal denied the authorization. */
  denied: 'AUTHORIZATION_DENIED',
} as const;

/** PayPal's capture refusals in the vocabulary `captureAuthorization` and the payment code understand (Stripe's). */
const CAPTURE_REFUSALS: Record<string, string> = {
  AUTHORIZATION_EXPIRED: ProviderErrorCodes.authorizationExpired,
  MAX_CAPTURE_AMOUNT_EXCEEDED: ProviderErrorCodes.amountTooLarge,
  AUTHORIZATION_VOIDED: ProviderErrorCodes.unexpectedState,
  AUTHORIZATION_ALREADY_CAPTURED: ProviderErrorCodes.unexpectedState,
  PREVIOUSLY_CAPTURED: ProviderErrorCodes.unexpectedState,
  MAX_CAPTURE_COUNT_EXCEEDED: ProviderErrorCodes.unexpectedState,
};

/** The authorizations of a PayPal order of intent AUTHORIZE (its one purchase unit's). */
export function authorizationsOf(order: Order): AuthorizationWithAdditionalData[] {
  return (order.purchaseUnits ?? []).flatMap((unit) => unit.payments?.authorizations ?? []);
}

/** The id of the order's authorization; a refusal when it has none (the order was never authorized). */
export function authorizationIdOf(order: Order): string {
  const [authorization] = authorizationsOf(order);
  if (!authorization?.id) throw new ProviderRefusal(ProviderErrorCodes.unexpectedState, `PayPal order ${order.id} has no authorization`);
  return authorization.id;
}

/**
 * What a PayPal authorization says of our payment: CREATED (or captured in part since) is `authorized` until
 * PayPal's `expiration_time` — and only for exactly the payment's amount and currency —, PENDING is pending (PayPal
 * reviews it), DENIED, VOIDED and EXPIRED failed. The reference stays the PayPal order id.
 */
export function outcomeOfAuthorization(authorization: AuthorizationWithAdditionalData, expected: Money, orderId: string): ChargeOutcome {
  switch (authorization.status) {
    case 'CREATED':
    case 'PARTIALLY_CAPTURED':
    case 'CAPTURED': {
      if (!samePayPalAmount(expected, authorization.amount)) return amountMismatch(expected, authorization.amount, orderId, false);
      const expiresAt = authorization.expirationTime ? new Date(authorization.expirationTime) : null;
      if (!expiresAt || Number.isNaN(expiresAt.getTime())) {
        return { status: 'pending', providerReference: orderId, message: 'PayPal answered the authorization without its expiration time' };
      }
      return { status: 'authorized', providerReference: orderId, expiresAt };
    }
    case 'PENDING':
      return {
        status: 'pending',
        providerReference: orderId,
        message: `PayPal is still reviewing the authorization (${authorization.statusDetails?.reason ?? 'PENDING'})`,
      };
    case 'DENIED':
      return { status: 'failed', providerReference: orderId, errorCode: PayPalAuthorizationErrorCodes.denied, message: 'PayPal denied the payment' };
    default:
      return {
        status: 'failed',
        providerReference: orderId,
        errorCode: `AUTHORIZATION_${authorization.status ?? 'UNKNOWN'}`,
        message: `The PayPal authorization is ${authorization.status ?? 'in an unknown state'}`,
      };
  }
}

/** The order's authorization as an outcome, or null when it was not authorized yet (our call never reached PayPal). */
export function outcomeOfAuthorizedOrder(order: Order, expected: Money): ChargeOutcome | null {
  const [authorization] = authorizationsOf(order);
  return authorization ? outcomeOfAuthorization(authorization, expected, order.id ?? '') : null;
}

/** A refusal for an order of intent CAPTURE in a MANUAL store: PayPal could only take the money now. */
export function captureIntentRefused(orderId: string): ChargeOutcome {
  return {
    status: 'failed',
    providerReference: orderId,
    errorCode: PayPalAuthorizationErrorCodes.captureIntent,
    message: 'This store takes payment when the order ships: create the PayPal order with intent AUTHORIZE; nothing was charged',
  };
}

/**
 * The authorization as PayPal holds it now: CREATED / PARTIALLY_CAPTURED is open (capturable: the authorized amount
 * less what was captured, nothing once `expiration_time` passed: then expired), CAPTURED captured, VOIDED voided
 * (captured if a part was taken first), EXPIRED expired. `captured` is the order's completed captures, in minor units.
 */
export function authorizationStateOf(authorization: PaymentAuthorization, captured: number): AuthorizationState | null {
  const authorized = authorization.amount ? (minorUnitsOf(authorization.amount) ?? 0) : 0;
  const expiresAt = authorization.expirationTime ? new Date(authorization.expirationTime) : null;
  // PayPal also answers EXPIRED, which the SDK's enum lacks (it lets unknown values through)
  switch (authorization.status as string | undefined) {
    case 'CREATED':
    case 'PARTIALLY_CAPTURED': {
      const expired = expiresAt !== null && expiresAt <= new Date();
      return { status: expired ? 'expired' : 'open', capturableAmount: expired ? 0 : Math.max(authorized - captured, 0), capturedAmount: captured, expiresAt };
    }
    case 'CAPTURED':
      return { status: 'captured', capturableAmount: 0, capturedAmount: captured, expiresAt };
    case 'VOIDED':
      return { status: captured > 0 ? 'captured' : 'voided', capturableAmount: 0, capturedAmount: captured, expiresAt };
    case 'EXPIRED':
      return { status: 'expired', capturableAmount: 0, capturedAmount: captured, expiresAt };
    default:
      return null;
  }
}

/** What the order's completed captures took, in minor units. */
export function capturedMinorUnitsOf(order: Order): number {
  return capturedOf(order).reduce((sum, capture) => sum + (capture.amount ? (minorUnitsOf(capture.amount) ?? 0) : 0), 0);
}

/**
 * A failed capture or void call: PayPal's 4xx refusals (it moved nothing) as a `ProviderRefusal`, its issue mapped
 * to the code the capture code knows (expired, over-capture, voided or captured already); credentials refused,
 * 409, 429, 5xx, timeouts and lost connections are thrown as they are (without our token): the outcome is unknown
 * and a retry with the same PayPal-Request-Id is safe.
 */
export function refusalOf(error: unknown): Error {
  if (error instanceof ApiError && error.statusCode >= 400 && error.statusCode < 500 && ![401, 403, 408, 409, 429].includes(error.statusCode)) {
    const { issue, description } = issueOf(error);
    return new ProviderRefusal(CAPTURE_REFUSALS[issue] ?? issue, description ?? `PayPal refused the request (${issue})`);
  }
  return withoutCredentials(error);
}

/** Whether PayPal refused a void because the authorization is voided already (done, as we wanted). */
export function isVoidedAlready(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const { issue } = issueOf(error);
  return issue === 'PREVIOUSLY_VOIDED' || issue === 'AUTHORIZATION_VOIDED';
}
