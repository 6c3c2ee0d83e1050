import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { OrderReference } from '../order/order-reference.type';
import { Payment } from '../payment/payment.entity';

@ObjectType({ description: 'Result of markOrderAsPaid: the settled manual payment, or why nothing changed.' })
export class MarkOrderAsPaidPayload {
  @Field(() => Payment, { nullable: true, description: 'The manual payment, SUCCEEDED; null when nothing was marked.' })
  payment: Payment | null;

  @Field(() => OrderReference, { nullable: true, description: 'The order, for reading its fields (status) in the same request.' })
  order: OrderReference | null;

  @Field(() => [UserError], {
    description:
      'Why nothing was marked; empty on success. Codes: NOT_FOUND (no such order in your store), INVALID_TRANSITION (no manual payment awaits the money: already paid, expired or never chosen), IDEMPOTENCY_KEY_REUSED, STORE_UNAVAILABLE.',
  })
  userErrors: UserError[];

  static of(payment: Payment): MarkOrderAsPaidPayload {
    return Object.assign(new MarkOrderAsPaidPayload(), { payment, order: OrderReference.of(payment.orderId), userErrors: [] });
  }

  static refused(error: UserError, orderId: string | null = null): MarkOrderAsPaidPayload {
    return Object.assign(new MarkOrderAsPaidPayload(), { payment: null, order: orderId ? OrderReference.of(orderId) : null, userErrors: [error] });
  }
}
