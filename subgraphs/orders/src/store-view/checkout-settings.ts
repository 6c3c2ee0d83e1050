import { storeCheckoutSettingsHandlers, UserError, type CheckoutSettings } from '@ultramarket/kit';
import type { CheckoutCompleted } from '../checkout/checkout-snapshot';

/**
 * Why the store's settings refuse this checkout, or null: a guest's when guest checkout is off, one
 * without a phone when the store wants one. Checked where the order is recorded (the consumer of
 * cart.checkout-completed), from orders' copy of the store's settings.
 */
export function checkoutRefusal(settings: CheckoutSettings, checkout: Pick<CheckoutCompleted, 'customerId' | 'shippingAddress'>): UserError | null {
  if (!settings.guestCheckoutEnabled && checkout.customerId === null) {
    return UserError.of('GUEST_CHECKOUT_DISABLED', 'This store takes orders from signed-in shoppers only: sign in or create an account to check out');
  }
  if (settings.requirePhoneAtCheckout && !checkout.shippingAddress?.phone?.trim()) {
    return UserError.of('PHONE_REQUIRED', 'This store needs a phone number to deliver the order', ['input', 'shippingAddress', 'phone']);
  }
  return null;
}

/** Orders' replica of its stores' checkout settings (the kit's), enforced where an order is recorded. */
export const checkoutSettingsHandlers = storeCheckoutSettingsHandlers({ created: 'orders-store-settings-created', updated: 'orders-store-settings-updated' });
