import { UserError } from '@ultramarket/kit';

/** The userErrors cart mutations answer with (docs/errors.md lists each code). */
export const CartErrors = {
  cartNotFound: (field = ['input', 'cartId']) =>
    UserError.of('CART_NOT_FOUND', 'No such open cart here, or not yours: a guest cart needs its token, an expired cart is gone', field),
  storeRequired: () => UserError.of('STORE_REQUIRED', 'Name the store you shop in (X-Store-Id or a store token)'),
  storeUnavailable: (status: string) => UserError.of('STORE_UNAVAILABLE', `This store is ${status}: its carts cannot change now`),
  productNotAvailable: (variantId: string, field: string[]) => UserError.of('PRODUCT_NOT_AVAILABLE', `Variant ${variantId} is not on sale here`, field),
  currencyMismatch: (cartCurrency: string, field: string[]) =>
    UserError.of('CURRENCY_MISMATCH', `This cart is in ${cartCurrency}: a product priced in another currency cannot join it`, field),
  quantityTooLarge: (variantId: string, maximum: number, field: string[]) =>
    UserError.of('QUANTITY_TOO_LARGE', `At most ${maximum} units of variant ${variantId} per cart`, field),
  tooManyLines: (maximum: number, field: string[]) => UserError.of('TOO_MANY_LINES', `A cart holds at most ${maximum} different variants`, field),
  lineNamedTwice: (variantId: string, field: string[]) =>
    UserError.of('DUPLICATE_LINE', `Variant ${variantId} is named more than once: give each line once`, field),
  shippingRateNotOffered: (rateId: string) =>
    UserError.of(
      'SHIPPING_RATE_NOT_OFFERED',
      `Shipping rate ${rateId} is not offered for this cart now: choose one of its availableShippingRates (they depend on its address, weight and subtotal)`,
      ['input', 'rateId'],
    ),
  lineNotFound: (variantId: string, field: string[]) => UserError.of('LINE_NOT_FOUND', `This cart has no line of variant ${variantId}`, field),
};
