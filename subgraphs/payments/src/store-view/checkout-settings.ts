import { storeCheckoutSettingsHandlers } from '@ultramarket/kit';

/** Payments' replica of its stores' checkout settings (the kit's): processPayment authorizes instead of charging in a MANUAL-capture store. */
export const checkoutSettingsHandlers = storeCheckoutSettingsHandlers({
  created: 'payments-store-settings-created',
  updated: 'payments-store-settings-updated',
});
