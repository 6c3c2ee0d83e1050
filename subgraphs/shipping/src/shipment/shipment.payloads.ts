import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Shipment } from './shipment.entity';
import { OrderReference } from './order-reference.type';

@ObjectType({ description: 'Result of a shipment mutation.' })
export class ShipmentPayload {
  @Field(() => Shipment, { nullable: true, description: 'The shipment as it now is; null when nothing was done.' })
  shipment: Shipment | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends ShipmentPayload>(this: new () => T, shipment: Shipment): T {
    return Object.assign(new this(), { shipment, userErrors: [] });
  }

  static failed<T extends ShipmentPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { shipment: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createShipment.' })
export class CreateShipmentPayload extends ShipmentPayload {}

@ObjectType({ description: 'Result of updateShipmentTracking.' })
export class UpdateShipmentTrackingPayload extends ShipmentPayload {}

@ObjectType({ description: 'Result of markShipmentDelivered.' })
export class MarkShipmentDeliveredPayload extends ShipmentPayload {}

@ObjectType({ description: 'Result of dispatchOrder (deprecated: createShipment).' })
export class DispatchOrderPayload {
  @Field(() => OrderReference, { nullable: true, description: 'The order as it now is; null when nothing was done.' })
  order: OrderReference | null;

  @Field(() => Shipment, { nullable: true, description: 'The shipment made for the whole order; null when nothing was done.' })
  shipment: Shipment | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];
}
