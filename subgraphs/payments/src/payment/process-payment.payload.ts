import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { OrderReference } from '../order/order-reference.type';
import { Payment } from './payment.entity';

@ObjectType({ description: 'Result of processPayment: the payment (also when declined) and why it did not succeed.' })
export class ProcessPaymentPayload {
  @Field(() => Payment, { nullable: true, description: 'The payment as it now is; null when none was made (unknown order, order not payable, …).' })
  payment: Payment | null;

  @Field(() => OrderReference, { nullable: true, description: 'The order, for reading its fields (status, totals) in the same request.' })
  order: OrderReference | null;

  @Field(() => [UserError], {
    description:
      'Why the payment did not succeed; empty on success. Codes: STORE_UNAVAILABLE (the store is not ACTIVE; nothing charged), PAYMENT_DECLINED, INSUFFICIENT_FUNDS, PAYMENT_PENDING, ORDER_NOT_FOUND, ORDER_NOT_PAYABLE, ORDER_ALREADY_PAID, PAYMENT_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED, PAYMENT_PROVIDER_UNAVAILABLE.',
  })
  userErrors: UserError[];

  static of(payment: Payment, ...userErrors: UserError[]): ProcessPaymentPayload {
    return Object.assign(new ProcessPaymentPayload(), { payment, order: OrderReference.of(payment.orderId), userErrors });
  }

  static refused(error: UserError, orderId: string | null = null): ProcessPaymentPayload {
    return Object.assign(new ProcessPaymentPayload(), { payment: null, order: orderId ? OrderReference.of(orderId) : null, userErrors: [error] });
  }
}
