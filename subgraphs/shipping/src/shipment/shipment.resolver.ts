import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { Shipment, ShipmentLine, ShipmentTrackingEvent } from './shipment.entity';
import { CreateShipmentInput, DispatchOrderInput, UpdateShipmentTrackingInput } from './shipment.inputs';
import { CreateShipmentPayload, DispatchOrderPayload, UpdateShipmentTrackingPayload } from './shipment.payloads';
import { OrderReference } from './order-reference.type';
import { createShipment } from './create-shipment';
import { updateShipmentTracking } from './track-shipment';
import { dispatchOrder } from './dispatch-order';
import { loadShipment, loadShipmentLines, loadTrackingEvents } from './shipment-queries';

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => Shipment, { nullable: true, description: "A shipment of the caller's store by id; null when there is none." })
  shipment(@Arg('id', () => ID, { description: 'Shipment id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Shipment | null> {
    return loadShipment(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateShipmentPayload, {
    description:
      "Hands (part of) a paid order of the caller's store to a carrier: a shipment LABEL_CREATED with its lines (by default every line not shipped yet). Publishes shipping.shipment-created; the order becomes DISPATCHED once every line ships. userErrors: NOT_FOUND, INVALID_CARRIER, INVALID_TRACKING_URL, ORDER_NOT_PAID, ORDER_CANCELLED, LINE_NOT_IN_ORDER, QUANTITY_OVER_UNSHIPPED, NOTHING_TO_SHIP, STORE_UNAVAILABLE.",
  })
  async createShipment(@Arg('input', { description: 'The order, carrier, tracking and lines.' }) input: CreateShipmentInput, @Ctx() context: SubgraphContext) {
    return (await createShipment(context, input)).payload;
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateShipmentTrackingPayload, {
    description:
      'Records where a parcel now is (the manual carrier’s way). Publishes shipping.tracking-updated; the customer is told. userErrors: NOT_FOUND, INVALID_TRANSITION (DELIVERED and RETURNED are final), INVALID_OCCURRED_AT, STORE_UNAVAILABLE.',
  })
  updateShipmentTracking(
    @Arg('input', { description: 'The shipment and its new status.' }) input: UpdateShipmentTrackingInput,
    @Ctx() context: SubgraphContext,
  ): Promise<UpdateShipmentTrackingPayload> {
    return updateShipmentTracking(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DispatchOrderPayload, {
    deprecationReason: 'Use createShipment',
    description: 'Marks a confirmed order as handed to a carrier: createShipment of the whole order, answered once the order is DISPATCHED.',
  })
  dispatchOrder(@Arg('input', { description: 'The order and its shipment.' }) input: DispatchOrderInput, @Ctx() context: SubgraphContext) {
    return dispatchOrder(context, input);
  }

  @Directive('@listSize(assumedSize: 20)')
  @FieldResolver(() => [ShipmentLine], { description: 'What is in the parcel.' })
  lines(@Root() shipment: Shipment, @Ctx() context: SubgraphContext): Promise<ShipmentLine[]> {
    return loadShipmentLines(context, shipment.id);
  }

  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [ShipmentTrackingEvent], { description: 'Every tracking status it reported, oldest first (LABEL_CREATED first).' })
  trackingEvents(@Root() shipment: Shipment, @Ctx() context: SubgraphContext): Promise<ShipmentTrackingEvent[]> {
    return loadTrackingEvents(context, shipment.id);
  }

  @FieldResolver(() => OrderReference, { description: 'The order it fulfils.' })
  order(@Root() shipment: Shipment): OrderReference {
    return Object.assign(new OrderReference(), { id: shipment.orderId });
  }
}
