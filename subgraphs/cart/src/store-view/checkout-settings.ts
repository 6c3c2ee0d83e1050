import { storeCheckoutSettingsHandlers } from '@ultramarket/kit';

/** Cart's replica of its stores' checkout settings (the kit's), read where a checkout starts (`checkout/checkout-facts.ts`). */
export const checkoutSettingsHandlers = storeCheckoutSettingsHandlers({ created: 'cart-checkout-settings-created', updated: 'cart-checkout-settings-updated' });
