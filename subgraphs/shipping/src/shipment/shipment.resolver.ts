import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { Shipment, ShipmentLine, ShipmentTrackingEvent } from './shipment.entity';
import { CreateShipmentInput, DispatchOrderInput, MarkShipmentDeliveredInput, UpdateShipmentTrackingInput } from './shipment.inputs';
import { ShipmentStatus } from './shipment-status';
import { CreateShipmentPayload, DispatchOrderPayload, MarkShipmentDeliveredPayload, UpdateShipmentTrackingPayload } from './shipment.payloads';
import { OrderReference } from './order-reference.type';
import { createShipment } from './create-shipment';
import { trackShipment } from './track-shipment';
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
      "Hands (part of) a paid order of the caller's store to a carrier: a shipment LABEL_CREATED with its lines (by default every line not shipped yet). Publishes shipping.shipment-created; orders makes the order PARTIALLY_FULFILLED, or FULFILLED once every unit ships. userErrors: NOT_FOUND, INVALID_CARRIER, INVALID_TRACKING_URL, ORDER_NOT_PAID, ORDER_CANCELLED, LINE_NOT_IN_ORDER, QUANTITY_OVER_UNSHIPPED, NOTHING_TO_SHIP, STORE_UNAVAILABLE.",
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
    return trackShipment(context, input, UpdateShipmentTrackingPayload);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => MarkShipmentDeliveredPayload, {
    description:
      'Records that a parcel of the caller’s store was delivered (staff; a carrier reports it through its webhook). Publishes shipping.tracking-updated with DELIVERED; the order becomes DELIVERED once it is FULFILLED and every shipment is delivered. userErrors: NOT_FOUND, INVALID_TRANSITION (already DELIVERED or RETURNED), INVALID_OCCURRED_AT, STORE_UNAVAILABLE.',
  })
  markShipmentDelivered(
    @Arg('input', { description: 'The shipment delivered.' }) input: MarkShipmentDeliveredInput,
    @Ctx() context: SubgraphContext,
  ): Promise<MarkShipmentDeliveredPayload> {
    return trackShipment(context, { ...input, status: ShipmentStatus.DELIVERED }, MarkShipmentDeliveredPayload);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DispatchOrderPayload, {
    deprecationReason: 'Use createShipment',
    description: 'Marks a confirmed order as handed to a carrier: createShipment of the whole order, answered once the order is FULFILLED.',
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
