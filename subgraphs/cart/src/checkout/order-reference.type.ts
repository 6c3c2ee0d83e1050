import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The orders subgraph's Order, seen from cart: only its key (the gateway resolves its fields from orders). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Order', { description: 'An order placed in a store.' })
export class OrderReference {
  @Field(() => ID, { description: 'Opaque order id.' })
  id: string;

  static of(id: string): OrderReference {
    return Object.assign(new OrderReference(), { id });
  }
}
