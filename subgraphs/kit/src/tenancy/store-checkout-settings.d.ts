import type { EntityManager } from 'typeorm';
import { type EventHandler } from '../events/consumer-runner';
/**
 * When a store takes the shopper's money: at payment (AUTOMATIC, a sale) or, authorized at payment, as the
 * order is fulfilled (MANUAL: captured by staff or on each shipment, voided when cancelled or expired).
 */
export declare const PAYMENT_CAPTURE_MODES: readonly ["AUTOMATIC", "MANUAL"];
export type PaymentCaptureMode = (typeof PAYMENT_CAPTURE_MODES)[number];
/** What a checkout needs of a store's settings (owned by the stores subgraph). */
export interface CheckoutSettings {
    guestCheckoutEnabled: boolean;
    requirePhoneAtCheckout: boolean;
    paymentCaptureMode: PaymentCaptureMode;
}
/** A store's defaults, and what counts for a store whose settings have not been heard of. */
export declare const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings;
/** Days after delivery a shopper may ask to return delivered units, for a store that never said (0: the store takes no returns). */
export declare const DEFAULT_RETURN_WINDOW_DAYS = 30;
/** The store's return window in days as this subgraph last heard it (`store_checkout_settings.return_window_days`), or the default. */
export declare function readReturnWindowDays(manager: EntityManager, storeId: string): Promise<number>;
/** The store's checkout settings as this subgraph last heard them (`store_checkout_settings`), or the defaults. */
export declare function readCheckoutSettings(manager: EntityManager, storeId: string): Promise<CheckoutSettings>;
/**
 * The durable consumers that keep a subgraph's replica of its stores' checkout settings, `store_checkout_settings`
 * (`store_id` primary key, `guest_checkout_enabled`, `require_phone_at_checkout`, `payment_capture_mode`, `return_window_days`,
 * `version`, `updated_at`; the subgraph's own migration creates it), from `stores.created` and `stores.updated`. Orders enforces
 * the settings where it records an order, cart where a checkout starts, payments chooses a sale or an authorization
 * by the capture mode, orders opens returns within the return window: one replica's code, each subgraph its own rows.
 */
export declare function storeCheckoutSettingsHandlers(names: {
    created: string;
    updated: string;
}): EventHandler[];
