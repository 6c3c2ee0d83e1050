import { checkShippingMethod, PermanentEventError, type EventHandler, type ShippingMethodRates } from '@ultramarket/kit';

/** The method a `shipping.method-updated` event carries, as the kit's `availableShippingRates` takes it (its carrier is not cart's concern). */
function shippingMethodOf(data: unknown): ShippingMethodRates {
  const { methodId, name, zone, rate, freeOverSubtotal, currencyCode, taxClass } = (data ?? {}) as ShippingMethodRates;
  const method = { methodId, name, zone, rate, freeOverSubtotal: freeOverSubtotal ?? null, currencyCode, taxClass: taxClass ?? null };
  if (typeof methodId !== 'string' || typeof name !== 'string' || typeof currencyCode !== 'string' || !zone || !Array.isArray(zone.regions) || !rate) {
    throw new PermanentEventError(`shipping method event without a whole method: ${JSON.stringify(data)}`);
  }
  try {
    checkShippingMethod(method);
  } catch (error) {
    throw new PermanentEventError(`shipping method ${methodId} breaks the rates contract: ${(error as Error).message}`);
  }
  return method;
}

/** Keeps `shipping_method_view` from shipping's method events; the method's aggregate version orders them, a deletion keeps its version. */
const methodUpdated: EventHandler = {
  name: 'cart-shipping-method-updated',
  eventType: 'shipping.method-updated',
  async handle(event, tx) {
    if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
    const method = shippingMethodOf(event.data);
    if (method.methodId !== event.aggregateId) throw new PermanentEventError(`${event.type} ${event.id} carries another method than its aggregate`);
    await tx.manager.query(
      `INSERT INTO shipping_method_view (method_id, store_id, method, version, updated_at) VALUES ($1, $2, $3::jsonb, $4, now())
       ON CONFLICT (method_id) DO UPDATE SET method = EXCLUDED.method, version = EXCLUDED.version, updated_at = now()
       WHERE shipping_method_view.version < EXCLUDED.version`,
      [event.aggregateId, event.storeId, JSON.stringify(method), event.aggregateVersion],
    );
  },
};

const methodDeleted: EventHandler = {
  name: 'cart-shipping-method-deleted',
  eventType: 'shipping.method-deleted',
  async handle(event, tx) {
    if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
    await tx.manager.query(
      `INSERT INTO shipping_method_view (method_id, store_id, method, version, updated_at) VALUES ($1, $2, NULL, $3, now())
       ON CONFLICT (method_id) DO UPDATE SET method = NULL, version = EXCLUDED.version, updated_at = now()
       WHERE shipping_method_view.version < EXCLUDED.version`,
      [event.aggregateId, event.storeId, event.aggregateVersion],
    );
  },
};

export const shippingMethodHandlers: EventHandler[] = [methodUpdated, methodDeleted];
