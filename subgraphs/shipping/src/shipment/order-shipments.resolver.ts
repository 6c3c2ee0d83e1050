import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { Shipment } from './shipment.entity';
import { OrderReference } from './order-reference.type';
import { loadOrderShipments } from './shipment-queries';

/** The legacy columns an order dispatched before shipments existed answers from. */
const LEGACY = 'legacyCarrier legacyTrackingNumber';

async function latestShipment(context: SubgraphContext, orderId: string): Promise<Shipment | null> {
  const shipments = await loadOrderShipments(context, orderId);
  return shipments[shipments.length - 1] ?? null;
}

/** What shipping adds to orders' Order: its shipments, and the deprecated single carrier and tracking number. */
@Resolver(() => OrderReference)
export class OrderShipmentsResolver {
  @Directive('@listSize(assumedSize: 5)')
  @FieldResolver(() => [Shipment], { description: 'Its shipments, oldest first (empty before it ships; none for orders dispatched before shipments existed).' })
  shipments(@Root() order: OrderReference, @Ctx() context: SubgraphContext): Promise<Shipment[]> {
    return loadOrderShipments(context, order.id);
  }

  @Directive(`@requires(fields: "${LEGACY}")`)
  @FieldResolver(() => String, {
    nullable: true,
    deprecationReason: 'Use shipments { carrierName }',
    description: 'Carrier of its latest shipment (or of its dispatch, for orders dispatched before shipments existed).',
  })
  async carrier(@Root() order: OrderReference, @Ctx() context: SubgraphContext): Promise<string | null> {
    return (await latestShipment(context, order.id))?.carrierName ?? order.legacyCarrier ?? null;
  }

  @Directive(`@requires(fields: "${LEGACY}")`)
  @FieldResolver(() => String, {
    nullable: true,
    deprecationReason: 'Use shipments { trackingNumber }',
    description: 'Tracking number of its latest shipment (or of its dispatch, for orders dispatched before shipments existed).',
  })
  async trackingNumber(@Root() order: OrderReference, @Ctx() context: SubgraphContext): Promise<string | null> {
    return (await latestShipment(context, order.id))?.trackingNumber ?? order.legacyTrackingNumber ?? null;
  }
}
