import { buildFederatedSchema, type SubgraphDefinition } from '@ultramarket/kit';
import { CartRatesResolver } from './cart-rates/cart-rates.resolver';
import { CartReference } from './cart-rates/cart-reference.type';
import { ShippingMethod } from './method/shipping-method.entity';
import { ShippingMethodResolver } from './method/method.resolver';
import { loadMethod } from './method/method-queries';
import { ShippingZone } from './zone/shipping-zone.entity';
import { ShippingZoneResolver } from './zone/zone.resolver';
import { loadZone } from './zone/zone-queries';
import { CreateShipping1763769631000 } from './migrations/1763769631000-create-shipping';

/**
 * Shipping owns stores' shipping zones and methods (rates and carriers) and answers which rates a cart may
 * choose (`Cart.availableShippingRates`, from the cart facts the gateway brings through `@requires`).
 */
export const shippingSubgraph: SubgraphDefinition = {
  name: 'shipping',
  defaultPort: 4010,
  entities: [ShippingZone, ShippingMethod],
  migrations: [CreateShipping1763769631000],
  publishes: ['shipping'],
  schema: () =>
    buildFederatedSchema({
      resolvers: [ShippingZoneResolver, ShippingMethodResolver, CartRatesResolver],
      orphanedTypes: [CartReference],
      referenceResolvers: {
        // the representation carries the required facts; shipping keeps nothing about carts
        Cart: { __resolveReference: (reference: { id: string }) => reference },
        ShippingZone: { __resolveReference: (reference: { id: string }, context) => loadZone(context, reference.id) },
        ShippingMethod: { __resolveReference: (reference: { id: string }, context) => loadMethod(context, reference.id) },
      },
    }),
};
