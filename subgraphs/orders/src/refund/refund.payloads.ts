import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { Refund } from './refund.entity';

@ObjectType({ description: 'Result of refundOrder and retryRefund.' })
export class RefundPayload {
  @Field(() => Refund, { nullable: true, description: 'The refund, PENDING until the payment provider answers; null when nothing was done.' })
  refund: Refund | null;

  @Field(() => Order, { nullable: true, description: 'The order refunded; null when nothing was done.' })
  order: Order | null;

  @Field(() => [UserError], { description: 'Why nothing was done; empty on success.' })
  userErrors: UserError[];

  static ok<T extends RefundPayload>(this: new () => T, refund: Refund, order: Order): T {
    return Object.assign(new this(), { refund, order, userErrors: [] });
  }

  static failed<T extends RefundPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { refund: null, order: null, userErrors });
  }
}

@ObjectType({ description: 'Result of refundOrder.' })
export class RefundOrderPayload extends RefundPayload {}

@ObjectType({ description: 'Result of retryRefund.' })
export class RetryRefundPayload extends RefundPayload {}
