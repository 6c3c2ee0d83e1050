import type { UserError } from '@ultramarket/kit';
import type { CartAddress } from '../cart-address/cart-address.type';
import { CheckoutErrors, shown } from './checkout-errors';
import type { CheckoutFacts } from './checkout-facts';

/**
 * When a check runs: at REVIEW an expired code is taken off the cart and a changed price is acknowledged (the
 * shopper has now seen it), both reported; at COMPLETE either still there refuses the checkout, writing nothing.
 * BUY_NOW (placeOrder's one-off cart) completes without a stock check: as before the move, inventory's
 * reservation decides (a short line cancels the order), so placeOrder's refusals stay what they were.
 */
export type CheckoutStage = 'REVIEW' | 'COMPLETE' | 'BUY_NOW';

/**
 * Every reason the cart cannot become an order now, in the order a shopper fixes them: its lines (on sale, in
 * stock, at the price they were added), its codes (not ended or deactivated, with uses left), the contact and
 * addresses, the shipping rate (when the store offers one for the address), the store's settings (guest
 * checkout, phone) and the total. An empty list: it may complete.
 */
export function checkoutProblems(facts: CheckoutFacts, stage: CheckoutStage): UserError[] {
  const { cart, priced } = facts;
  if (!priced) return [CheckoutErrors.totalTooLarge()];
  const errors: UserError[] = [];
  if (priced.pricingLines.length === 0 && facts.lines.length === 0) errors.push(CheckoutErrors.cartEmpty());
  facts.lines.forEach((line, index) => {
    const pricedLine = priced.lines[index];
    if (!pricedLine.available) return errors.push(CheckoutErrors.lineUnavailable(index, line.variantId));
    const available = facts.stock.get(line.variantId);
    if (stage !== 'BUY_NOW' && available !== undefined && available < line.quantity)
      errors.push(CheckoutErrors.insufficientStock(index, line.variantId, available, line.quantity));
    if (line.addedUnitPrice !== null && (line.addedUnitPrice !== line.priceAmount || line.addedCurrencyCode !== line.currencyCode)) {
      errors.push(
        CheckoutErrors.priceChanged(
          index,
          line.variantId,
          shown(line.addedUnitPrice, line.addedCurrencyCode ?? ''),
          shown(line.priceAmount!, line.currencyCode!),
        ),
      );
    }
  });
  for (const code of facts.codes) {
    if (code.expiredBecause) {
      errors.push(
        stage === 'REVIEW'
          ? CheckoutErrors.codeExpired(code.code, code.expiredBecause)
          : CheckoutErrors.codeExpiredAtCompletion(code.code, code.expiredBecause),
      );
    } else if (code.usedUp) errors.push(CheckoutErrors.codeUsedUp(code.code));
  }
  if (!cart.email) errors.push(CheckoutErrors.emailRequired());
  if (!cart.shippingAddress) errors.push(CheckoutErrors.shippingAddressRequired());
  else errors.push(...addressProblems(cart.shippingAddress, 'shippingAddress'), ...addressProblems(cart.billingAddress, 'billingAddress'));
  if (facts.offeredRates.length > 0 && !priced.selectedShippingRate) errors.push(CheckoutErrors.shippingRateRequired());
  if (facts.customerId === null && !facts.settings.guestCheckoutEnabled) errors.push(CheckoutErrors.guestCheckoutDisabled());
  if (facts.settings.requirePhoneAtCheckout && !contactPhone(cart)) errors.push(CheckoutErrors.phoneRequired());
  return errors;
}

/** Whether the errors only report what review itself fixed (a code taken off, a price acknowledged): nothing else blocks. */
export function isReviewNotice(error: UserError): boolean {
  return error.code === 'DISCOUNT_CODE_EXPIRED' || error.code === 'PRICE_CHANGED';
}

/** The phone the order is delivered with: the shipping address's, else the cart's contact phone. */
export function contactPhone(cart: { shippingAddress: CartAddress | null; phone: string | null }): string | null {
  return cart.shippingAddress?.phone || cart.phone || null;
}

/** What orders needs of an address: a name to ship to and a postal code. */
function addressProblems(address: CartAddress | null, which: 'shippingAddress' | 'billingAddress'): UserError[] {
  if (!address) return [];
  const missing = [...(address.firstName || address.lastName ? [] : ['a name']), ...(address.postalCode ? [] : ['a postal code'])];
  return missing.length > 0 ? [CheckoutErrors.addressIncomplete(which, missing)] : [];
}
