import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Order as shipping sees it: the entity orders owns, to which shipping adds its shipments. `legacyCarrier` and
 * `legacyTrackingNumber` are orders' columns of orders dispatched before shipments existed (hidden from clients),
 * brought by the gateway for the deprecated `carrier` and `trackingNumber`.
 */
@Directive('@key(fields: "id")')
@ObjectType('Order', { description: 'An order placed in a store (owned by the orders subgraph).' })
export class OrderReference {
  @Field(() => ID, { description: 'Opaque order id.' })
  id: string;

  @Directive('@external')
  @Field(() => String, { nullable: true, description: 'Carrier of an order dispatched before shipments existed (orders resolves it).' })
  legacyCarrier?: string | null;

  @Directive('@external')
  @Field(() => String, { nullable: true, description: 'Tracking number of an order dispatched before shipments existed (orders resolves it).' })
  legacyTrackingNumber?: string | null;
}
