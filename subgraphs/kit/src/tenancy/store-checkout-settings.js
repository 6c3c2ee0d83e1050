"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_RETURN_WINDOW_DAYS = exports.DEFAULT_CHECKOUT_SETTINGS = exports.PAYMENT_CAPTURE_MODES = void 0;
exports.readReturnWindowDays = readReturnWindowDays;
exports.readCheckoutSettings = readCheckoutSettings;
exports.storeCheckoutSettingsHandlers = storeCheckoutSettingsHandlers;
const consumer_runner_1 = require("../events/consumer-runner");
/**
 * When a store takes the shopper's money: at payment (AUTOMATIC, a sale) or, authorized at payment, as the
 * order is fulfilled (MANUAL: captured by staff or on each shipment, voided when cancelled or expired).
 */
exports.PAYMENT_CAPTURE_MODES = ['AUTOMATIC', 'MANUAL'];
/** A store's defaults, and what counts for a store whose settings have not been heard of. */
exports.DEFAULT_CHECKOUT_SETTINGS = { guestCheckoutEnabled: true, requirePhoneAtCheckout: false, paymentCaptureMode: 'AUTOMATIC' };
/** Days after delivery a shopper may ask to return delivered units, for a store that never said (0: the store takes no returns). */
exports.DEFAULT_RETURN_WINDOW_DAYS = 30;
/** The store's return window in days as this subgraph last heard it (`store_checkout_settings.return_window_days`), or the default. */
async function readReturnWindowDays(manager, storeId) {
    const [row] = await manager.query(`SELECT return_window_days FROM store_checkout_settings WHERE store_id = $1`, [storeId]);
    return row ? row.return_window_days : exports.DEFAULT_RETURN_WINDOW_DAYS;
}
/** The store's checkout settings as this subgraph last heard them (`store_checkout_settings`), or the defaults. */
async function readCheckoutSettings(manager, storeId) {
    const [row] = await manager.query(`SELECT guest_checkout_enabled, require_phone_at_checkout, payment_capture_mode FROM store_checkout_settings WHERE store_id = $1`, [storeId]);
    if (!row)
        return exports.DEFAULT_CHECKOUT_SETTINGS;
    return {
        guestCheckoutEnabled: row.guest_checkout_enabled,
        requirePhoneAtCheckout: row.require_phone_at_checkout,
        paymentCaptureMode: row.payment_capture_mode,
    };
}
/** The checkout settings an event of the stores subgraph carries (`data.settings`); fields it leaves out are null. */
function settingsOf(event) {
    const settings = event.data.settings;
    if (typeof settings !== 'object' || settings === null)
        return null;
    const flag = (value) => (typeof value === 'boolean' ? value : null);
    const { guestCheckoutEnabled, requirePhoneAtCheckout, paymentCaptureMode, returnWindowDays } = settings;
    const captureMode = exports.PAYMENT_CAPTURE_MODES.find((mode) => mode === paymentCaptureMode) ?? null;
    const days = typeof returnWindowDays === 'number' && Number.isInteger(returnWindowDays) && returnWindowDays >= 0 && returnWindowDays <= 3650 ? returnWindowDays : null;
    return {
        guestCheckoutEnabled: flag(guestCheckoutEnabled),
        requirePhoneAtCheckout: flag(requirePhoneAtCheckout),
        paymentCaptureMode: captureMode,
        returnWindowDays: days,
    };
}
/** Keeps one store's row from one stores event: an older version never undoes a newer one; no settings, no change. */
function follow(name, eventType) {
    return {
        name,
        eventType,
        async handle(event, tx) {
            if (!event.storeId || event.storeId !== event.aggregateId)
                throw new consumer_runner_1.PermanentEventError(`${event.type} ${event.id} is not about its own store`);
            const settings = settingsOf(event);
            if (!settings)
                return;
            await tx.manager.query(`INSERT INTO store_checkout_settings (store_id, guest_checkout_enabled, require_phone_at_checkout, payment_capture_mode, return_window_days, version, updated_at)
         VALUES ($1, COALESCE($2::boolean, $5::boolean), COALESCE($3::boolean, $6::boolean), COALESCE($7::varchar, $8::varchar),
           COALESCE($9::integer, $10::integer), $4, now())
         ON CONFLICT (store_id) DO UPDATE SET
           guest_checkout_enabled = COALESCE($2::boolean, store_checkout_settings.guest_checkout_enabled),
           require_phone_at_checkout = COALESCE($3::boolean, store_checkout_settings.require_phone_at_checkout),
           payment_capture_mode = COALESCE($7::varchar, store_checkout_settings.payment_capture_mode),
           return_window_days = COALESCE($9::integer, store_checkout_settings.return_window_days),
           version = EXCLUDED.version, updated_at = now()
         WHERE store_checkout_settings.version < EXCLUDED.version`, [
                event.storeId,
                settings.guestCheckoutEnabled,
                settings.requirePhoneAtCheckout,
                event.aggregateVersion,
                exports.DEFAULT_CHECKOUT_SETTINGS.guestCheckoutEnabled,
                exports.DEFAULT_CHECKOUT_SETTINGS.requirePhoneAtCheckout,
                settings.paymentCaptureMode,
                exports.DEFAULT_CHECKOUT_SETTINGS.paymentCaptureMode,
                settings.returnWindowDays,
                exports.DEFAULT_RETURN_WINDOW_DAYS,
            ]);
        },
    };
}
/**
 * The durable consumers that keep a subgraph's replica of its stores' checkout settings, `store_checkout_settings`
 * (`store_id` primary key, `guest_checkout_enabled`, `require_phone_at_checkout`, `payment_capture_mode`, `return_window_days`,
 * `version`, `updated_at`; the subgraph's own migration creates it), from `stores.created` and `stores.updated`. Orders enforces
 * the settings where it records an order, cart where a checkout starts, payments chooses a sale or an authorization
 * by the capture mode, orders opens returns within the return window: one replica's code, each subgraph its own rows.
 */
function storeCheckoutSettingsHandlers(names) {
    return [follow(names.created, 'stores.created'), follow(names.updated, 'stores.updated')];
}
//# sourceMappingURL=store-checkout-settings.js.map