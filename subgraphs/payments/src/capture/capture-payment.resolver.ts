import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import type { PaymentProvider } from '../provider/payment-provider';
import { CapturePaymentInput } from './capture-payment.inputs';
import { CapturePaymentPayload } from './capture-payment.payload';
import { capturePayment } from './capture-payment';

/** The mutation needs the configured provider; type-graphql builds resolvers without arguments, so it closes over it. */
export function capturePaymentResolver(provider: PaymentProvider) {
  @Resolver()
  class CapturePaymentResolver {
    @Directive('@cost(weight: 20)')
    @Mutation(() => CapturePaymentPayload, {
      description:
        "Captures (part of) an authorized payment of a MANUAL-capture store: `amount`, or everything still authorized as the final capture. The store's staff only; another store's payment is NOT_FOUND. Publishes payments.captured (orders: PARTIALLY_PAID, then PAID).",
    })
    capturePayment(
      @Arg('input', { description: 'The payment or order, the amount (optional) and an idempotency key.' }) input: CapturePaymentInput,
      @Ctx() context: SubgraphContext,
    ) {
      return capturePayment(context, provider, input);
    }
  }
  return CapturePaymentResolver;
}
