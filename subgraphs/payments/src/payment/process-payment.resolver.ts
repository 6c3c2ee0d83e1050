import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { ProcessPaymentInput } from './process-payment.inputs';
import { ProcessPaymentPayload } from './process-payment.payload';
import { processPayment, type PaymentServices } from './process-payment';

/** The mutation needs the configured provider; type-graphql builds resolvers without arguments, so it closes over it. */
export function processPaymentResolver(services: PaymentServices) {
  @Resolver()
  class ProcessPaymentResolver {
    // a payment provider call per call: the gateway prices each call, aliases too, at this weight
    @Directive('@cost(weight: 20)')
    @Mutation(() => ProcessPaymentPayload, {
      description:
        "Pays an order's total and answers with the outcome. Open to the order's customer, its store's staff and, for guest orders, whoever holds the order id. Waits (bounded) for an order just placed. In a store whose paymentCaptureMode is MANUAL the total is only authorized (payment AUTHORIZED), and captured as the order ships or with capturePayment. Publishes payments.initiated, then payments.succeeded, payments.authorized or payments.failed.",
    })
    processPayment(
      @Arg('input', { description: 'The order, the card or token, and an idempotency key.' }) input: ProcessPaymentInput,
      @Ctx() context: SubgraphContext,
    ) {
      return processPayment(context, services, input);
    }
  }
  return ProcessPaymentResolver;
}
