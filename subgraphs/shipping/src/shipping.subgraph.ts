import { AppScope, buildFederatedSchema, type SubgraphDefinition } from '@ultramarket/kit';
import { CartRatesResolver } from './cart-rates/cart-rates.resolver';
import { CartReference } from './cart-rates/cart-reference.type';
import { ShippingMethod } from './method/shipping-method.entity';
import { ShippingMethodResolver } from './method/method.resolver';
import { loadMethod } from './method/method-queries';
import { ShippingZone } from './zone/shipping-zone.entity';
import { ShippingZoneResolver } from './zone/zone.resolver';
import { loadZone } from './zone/zone-queries';
import { CreateShipping1763769631000 } from './migrations/1763769631000-create-shipping';
import { CreateShipments1763769631300 } from './migrations/1763769631300-create-shipments';
import { orderViewHandlers } from './order-view/order-view.handlers';
import { Shipment, ShipmentLine, ShipmentTrackingEvent } from './shipment/shipment.entity';
import { ShipmentResolver } from './shipment/shipment.resolver';
import { OrderShipmentsResolver } from './shipment/order-shipments.resolver';
import { OrderReference } from './shipment/order-reference.type';
import { loadShipment } from './shipment/shipment-queries';
import { loadShippingConfig, type ShippingConfig } from './shipping.config';
import { CARRIER_WEBHOOK_ROUTE, carrierWebhookRoute } from './carrier-webhook/carrier-webhook.route';

/**
 * Shipping owns stores' shipping zones and methods (rates and carriers) and answers which rates a cart may
 * choose (`Cart.availableShippingRates`, from the cart facts the gateway brings through `@requires`). It ships
 * orders: shipments with carrier, tracking and lines, checked against its read model of orders (`order_view`), and
 * takes carriers' signed tracking reports on `POST /webhooks/carrier-tracking` (served when a secret is configured).
 */
export const createShippingSubgraph = (config: ShippingConfig = loadShippingConfig()): SubgraphDefinition => ({
  name: 'shipping',
  defaultPort: 4010,
  entities: [ShippingZone, ShippingMethod, Shipment, ShipmentLine, ShipmentTrackingEvent],
  migrations: [CreateShipping1763769631000, CreateShipments1763769631300],
  publishes: ['shipping'],
  consumers: [...orderViewHandlers],
  // the staff of a suspended or closed store ship nothing
  followsStoreStatus: true,
  httpRoutes: config.carrierWebhook ? { [CARRIER_WEBHOOK_ROUTE]: carrierWebhookRoute(config.carrierWebhook) } : {},
  // what an app's API key may use here (docs/apps-and-api-keys.md)
  appAccess: { read: AppScope.read_shipping, write: AppScope.write_shipping },
  schema: () =>
    buildFederatedSchema({
      resolvers: [ShippingZoneResolver, ShippingMethodResolver, CartRatesResolver, ShipmentResolver, OrderShipmentsResolver],
      orphanedTypes: [CartReference, OrderReference],
      referenceResolvers: {
        // the representation carries the required facts; shipping keeps nothing about carts
        Cart: { __resolveReference: (reference: { id: string }) => reference },
        ShippingZone: { __resolveReference: (reference: { id: string }, context) => loadZone(context, reference.id) },
        ShippingMethod: { __resolveReference: (reference: { id: string }, context) => loadMethod(context, reference.id) },
        // orders decides who sees an order; shipping adds its shipments (of the caller's store) and the legacy facts it was given
        Order: { __resolveReference: (reference: OrderReference) => Object.assign(new OrderReference(), reference) },
        Shipment: { __resolveReference: (reference: { id: string }, context) => loadShipment(context, reference.id) },
      },
    }),
});

/** The subgraph as the environment configures it (what `main.ts` runs and the schema script prints). */
export const shippingSubgraph = createShippingSubgraph();
