import { PermanentEventError, UserError, type EventEnvelope, type EventHandler } from '@ultramarket/kit';
import type { CheckoutCompleted } from '../checkout/checkout-snapshot';

/** What orders needs of a store's settings (owned by the stores subgraph). */
export interface CheckoutSettings {
  guestCheckoutEnabled: boolean;
  requirePhoneAtCheckout: boolean;
}

/** A store's defaults, and what counts for a store whose settings have not been heard of. */
export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = { guestCheckoutEnabled: true, requirePhoneAtCheckout: false };

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

/** The checkout settings an event of the stores subgraph carries (`data.settings`); fields it leaves out are null. */
function settingsOf(event: EventEnvelope): { [K in keyof CheckoutSettings]: boolean | null } | null {
  const settings = (event.data as { settings?: unknown }).settings;
  if (typeof settings !== 'object' || settings === null) return null;
  const flag = (value: unknown) => (typeof value === 'boolean' ? value : null);
  const { guestCheckoutEnabled, requirePhoneAtCheckout } = settings as Record<string, unknown>;
  return { guestCheckoutEnabled: flag(guestCheckoutEnabled), requirePhoneAtCheckout: flag(requirePhoneAtCheckout) };
}

/**
 * Keeps `store_checkout_settings` from `stores.created` and `stores.updated` (the store's aggregate
 * version orders them: an older event never undoes a newer one). An event without settings (a theme
 * change) teaches nothing.
 */
function follow(name: string, eventType: string): EventHandler {
  return {
    name,
    eventType,
    async handle(event, tx) {
      if (!event.storeId || event.storeId !== event.aggregateId) throw new PermanentEventError(`${event.type} ${event.id} is not about its own store`);
      const settings = settingsOf(event);
      if (!settings) return;
      await tx.manager.query(
        `INSERT INTO store_checkout_settings (store_id, guest_checkout_enabled, require_phone_at_checkout, version, updated_at)
         VALUES ($1, COALESCE($2::boolean, $5::boolean), COALESCE($3::boolean, $6::boolean), $4, now())
         ON CONFLICT (store_id) DO UPDATE SET
           guest_checkout_enabled = COALESCE($2::boolean, store_checkout_settings.guest_checkout_enabled),
           require_phone_at_checkout = COALESCE($3::boolean, store_checkout_settings.require_phone_at_checkout),
           version = EXCLUDED.version, updated_at = now()
         WHERE store_checkout_settings.version < EXCLUDED.version`,
        [
          event.storeId,
          settings.guestCheckoutEnabled,
          settings.requirePhoneAtCheckout,
          event.aggregateVersion,
          DEFAULT_CHECKOUT_SETTINGS.guestCheckoutEnabled,
          DEFAULT_CHECKOUT_SETTINGS.requirePhoneAtCheckout,
        ],
      );
    },
  };
}

export const checkoutSettingsHandlers: EventHandler[] = [
  follow('orders-store-settings-created', 'stores.created'),
  follow('orders-store-settings-updated', 'stores.updated'),
];
