import { ErrorCode, UserError } from '@ultramarket/kit';

/** The userErrors of reviewCheckout, completeCheckout and placeOrder (docs/errors.md lists each code). */
export const CheckoutErrors = {
  cartEmpty: () => UserError.of('CART_EMPTY', 'This cart has nothing to order: add a line that is on sale', ['input', 'cartId']),
  lineUnavailable: (index: number, variantId: string) =>
    UserError.of('LINE_UNAVAILABLE', `Variant ${variantId} is no longer on sale here (or not in the cart's currency): remove the line`, lineField(index)),
  insufficientStock: (index: number, variantId: string, available: number, quantity: number) =>
    UserError.of(
      'INSUFFICIENT_STOCK',
      `Only ${Math.max(0, available)} units of variant ${variantId} are in stock, the cart holds ${quantity}`,
      lineField(index),
    ),
  priceChanged: (index: number, variantId: string, before: string, now: string) =>
    UserError.of(
      'PRICE_CHANGED',
      `The price of variant ${variantId} changed from ${before} to ${now} since it was added: review the cart again`,
      lineField(index),
    ),
  codeExpired: (code: string, why: string) =>
    UserError.of('DISCOUNT_CODE_EXPIRED', `Discount code ${code} ${why}: it was taken off the cart`, ['cart', 'discountCodes', code]),
  codeExpiredAtCompletion: (code: string, why: string) =>
    UserError.of('DISCOUNT_CODE_EXPIRED', `Discount code ${code} ${why}: review the cart (which takes it off) before completing`, [
      'cart',
      'discountCodes',
      code,
    ]),
  codeUsedUp: (code: string) =>
    UserError.of('DISCOUNT_CODE_USED_UP', `Discount code ${code} has no uses left: remove it from the cart to check out without it`, [
      'cart',
      'discountCodes',
      code,
    ]),
  promotionUsedUp: (title: string) =>
    UserError.of('DISCOUNT_CODE_USED_UP', `The promotion "${title}" has no uses left: review the cart to see its price without it`, [
      'cart',
      'appliedDiscounts',
    ]),
  emailRequired: () => UserError.of('EMAIL_REQUIRED', 'Give an email for the order (setCartEmail)', ['cart', 'email']),
  shippingAddressRequired: () => UserError.of('SHIPPING_ADDRESS_REQUIRED', 'Give a shipping address (setCartAddresses)', ['cart', 'shippingAddress']),
  addressIncomplete: (which: 'shippingAddress' | 'billingAddress', missing: string[]) =>
    UserError.of('ADDRESS_INCOMPLETE', `The ${which === 'shippingAddress' ? 'shipping' : 'billing'} address needs ${missing.join(' and ')} for an order`, [
      'cart',
      which,
    ]),
  shippingRateRequired: () =>
    UserError.of('SHIPPING_RATE_REQUIRED', 'Choose one of the cart’s availableShippingRates (selectCartShippingRate)', ['cart', 'selectedShippingRate']),
  guestCheckoutDisabled: () =>
    UserError.of('GUEST_CHECKOUT_DISABLED', 'This store takes orders from signed-in shoppers only: sign in or create an account to check out'),
  /** On a cart: its contact phone or its shipping address's; on placeOrder (`field` given): the shipping address's. */
  phoneRequired: (field?: string[]) =>
    field
      ? UserError.of('PHONE_REQUIRED', 'This store needs a phone number to deliver the order: give the shipping address a phone', field)
      : UserError.of('PHONE_REQUIRED', 'This store needs a phone number to deliver the order (setCartEmail’s phone, or the shipping address’s)', [
          'cart',
          'phone',
        ]),
  storeUnavailable: (status: string) => UserError.of(ErrorCode.STORE_UNAVAILABLE, `This store is ${status} and takes no orders`),
  totalChanged: (expected: string, now: string) =>
    UserError.of('CHECKOUT_TOTAL_CHANGED', `The cart's total is ${now} now, not the ${expected} expected: review the cart again`, ['input', 'expectedTotal']),
  totalTooLarge: () => UserError.of('ORDER_TOTAL_TOO_LARGE', `The order's total would exceed ${Number.MAX_SAFE_INTEGER} minor units; split it`, ['input']),
  idempotencyKeyReused: () => UserError.of('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another checkout', ['input', 'idempotencyKey']),
};

/** Where a line's problem is: its position in the cart's lines, oldest first. */
const lineField = (index: number) => ['cart', 'lines', String(index)];

/** An amount for messages: minor units and currency, e.g. "1999 USD". */
export const shown = (amount: number, currencyCode: string) => `${amount} ${currencyCode}`;
