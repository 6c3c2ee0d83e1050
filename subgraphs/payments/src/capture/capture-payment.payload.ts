import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { OrderReference } from '../order/order-reference.type';
import { Payment } from '../payment/payment.entity';

@ObjectType({ description: 'Result of capturePayment: the payment as it now is, and why nothing was captured.' })
export class CapturePaymentPayload {
  @Field(() => Payment, { nullable: true, description: 'The payment after the capture (unchanged when refused).' })
  payment: Payment | null;

  @Field(() => OrderReference, { nullable: true, description: 'The order, for reading its payment status in the same request.' })
  order: OrderReference | null;

  @Field(() => [UserError], {
    description:
      'Why nothing was captured; empty on success. Codes: INVALID_TRANSITION (the payment is not AUTHORIZED or PARTIALLY_CAPTURED), CAPTURE_EXCEEDS_AUTHORIZED, CAPTURE_REFUSED (the provider refused, e.g. the authorization expired).',
  })
  userErrors: UserError[];

  static of(payment: Payment, ...userErrors: UserError[]): CapturePaymentPayload {
    return Object.assign(new CapturePaymentPayload(), { payment, order: OrderReference.of(payment.orderId), userErrors });
  }
}
