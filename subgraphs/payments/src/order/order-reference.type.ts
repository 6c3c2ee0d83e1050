import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The orders subgraph's Order, seen from payments: only its key; payments adds `payments`. */
@Directive('@key(fields: "id")')
@ObjectType('Order', { description: 'An order placed in a store.' })
export class OrderReference {
  @Field(() => ID, { description: 'Opaque order id.' })
  id: string;

  static of(id: string): OrderReference {
    return Object.assign(new OrderReference(), { id });
  }
}
