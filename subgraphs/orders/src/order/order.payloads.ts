import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Order } from './order.entity';

@ObjectType({ description: 'Result of an order mutation.' })
export class OrderPayload {
  @Field(() => Order, { nullable: true, description: 'The order as it now is; null when nothing was done.' })
  order: Order | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends OrderPayload>(this: new () => T, order: Order): T {
    return Object.assign(new this(), { order, userErrors: [] });
  }

  static failed<T extends OrderPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { order: null, userErrors });
  }
}

@ObjectType({ description: 'Result of cancelOrder.' })
export class CancelOrderPayload extends OrderPayload {}

@ObjectType({ description: 'Result of completeOrder.' })
export class CompleteOrderPayload extends OrderPayload {}
