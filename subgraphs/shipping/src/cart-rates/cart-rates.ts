import { availableShippingRates, Money, type SubgraphContext } from '@ultramarket/kit';
import { ShippingMethod } from '../method/shipping-method.entity';
import { shippingMethodRatesOf } from '../method/method.events';
import { ShippingZone } from '../zone/shipping-zone.entity';
import type { CartReference } from './cart-reference.type';
import { ShippingRate } from './shipping-rate.type';

interface StoreMethods {
  methods: ShippingMethod[];
  zones: Map<string, ShippingZone>;
}

/** Every method of the request's store with its zone: two statements per request, however many carts ask. */
function loadStoreMethods(context: SubgraphContext, storeId: string): Promise<StoreMethods> {
  return context.loaders
    .get<string, StoreMethods>('storeShippingMethods', (storeIds) =>
      context.storeDb.read(async (manager) => {
        const ids = [...storeIds];
        const methods = await manager.getRepository(ShippingMethod).createQueryBuilder('m').where('m.store_id = ANY(:ids)', { ids }).getMany();
        const zones = await manager.getRepository(ShippingZone).createQueryBuilder('z').where('z.store_id = ANY(:ids)', { ids }).getMany();
        return ids.map((id) => ({
          methods: methods.filter((method) => method.storeId === id),
          zones: new Map(zones.filter((zone) => zone.storeId === id).map((zone) => [zone.id, zone])),
        }));
      }),
    )
    .load(storeId);
}

/**
 * The rates a cart may choose, from the facts cart gave through `@requires` and the store's methods, priced by
 * the kit's `availableShippingRates` (the same function cart will price the chosen rate with).
 */
export async function ratesForCart(context: SubgraphContext, cart: CartReference): Promise<ShippingRate[]> {
  const storeId = context.caller.storeId;
  if (!storeId || !cart.shippingAddress || !cart.subtotal) return [];
  const { methods, zones } = await loadStoreMethods(context, storeId);
  const byId = new Map(methods.map((method) => [method.id, method]));
  const rates = availableShippingRates(
    methods.map((method) => shippingMethodRatesOf(method, zones.get(method.zoneId)!)),
    {
      address: {
        countryCode: cart.shippingAddress.countryCode,
        provinceCode: cart.shippingAddress.provinceCode ?? null,
        postalCode: cart.shippingAddress.postalCode ?? null,
      },
      totalWeightGrams: cart.totalWeightGrams ?? 0,
      subtotal: cart.subtotal.amount,
      currencyCode: cart.subtotal.currencyCode,
    },
  );
  return rates.map((rate) =>
    Object.assign(new ShippingRate(), {
      id: rate.rateId,
      title: rate.title,
      price: Money.of(rate.amount, rate.currencyCode),
      freeOverApplied: rate.freeOverApplied,
      carrier: byId.get(rate.methodId)!.carrier,
    }),
  );
}
