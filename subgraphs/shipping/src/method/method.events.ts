import type { ShippingMethodRates, Tx } from '@ultramarket/kit';
import type { CarrierSettings } from '../carrier/carrier-provider';
import type { ShippingZone } from '../zone/shipping-zone.entity';
import type { ShippingMethod } from './shipping-method.entity';

/** What shipping publishes (see schema/events.md); every event's aggregate is the method. */
export const ShippingEvents = {
  methodUpdated: 'shipping.method-updated',
  methodDeleted: 'shipping.method-deleted',
} as const;

/** The whole method with its zone, as the kit's `availableShippingRates` takes it, and its carrier. */
export interface ShippingMethodEventData extends ShippingMethodRates {
  carrier: CarrierSettings;
}

export interface ShippingMethodDeletedData {
  methodId: string;
  zoneId: string;
}

/** A stored method and its zone as the kit's plain data. */
export function shippingMethodRatesOf(method: ShippingMethod, zone: ShippingZone): ShippingMethodRates {
  return {
    methodId: method.id,
    name: method.name,
    zone: {
      zoneId: zone.id,
      name: zone.name,
      regions: zone.regions.map((region) => ({
        countryCode: region.countryCode,
        provinceCode: region.provinceCode,
        postalCodePrefix: region.postalCodePrefix,
      })),
    },
    rate: method.rateRule,
    freeOverSubtotal: method.freeOverSubtotalAmount,
    currencyCode: method.currencyCode,
    taxClass: method.taxClass,
  };
}

/** `shipping.method-updated` for a method as it now is (created, changed, or its zone changed): a newer version replaces an older. */
export async function emitMethodUpdated(tx: Tx, method: ShippingMethod, zone: ShippingZone): Promise<void> {
  const data: ShippingMethodEventData = {
    ...shippingMethodRatesOf(method, zone),
    carrier: { code: method.carrierCode, name: method.carrierName, trackingUrlTemplate: method.trackingUrlTemplate },
  };
  await tx.emit({ type: ShippingEvents.methodUpdated, storeId: method.storeId, aggregateId: method.id, aggregateVersion: method.version, data });
}

/** `shipping.method-deleted`, one version past the method's last update so that a late update cannot bring it back. */
export async function emitMethodDeleted(tx: Tx, method: ShippingMethod): Promise<void> {
  const data: ShippingMethodDeletedData = { methodId: method.id, zoneId: method.zoneId };
  await tx.emit({ type: ShippingEvents.methodDeleted, storeId: method.storeId, aggregateId: method.id, aggregateVersion: method.version + 1, data });
}
