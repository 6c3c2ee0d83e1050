import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { MarkOrderAsPaidInput } from './mark-order-as-paid.inputs';
import { MarkOrderAsPaidPayload } from './mark-order-as-paid.payload';
import { markOrderAsPaid } from './mark-order-as-paid';

@Resolver()
export class MarkOrderAsPaidResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => MarkOrderAsPaidPayload, {
    description:
      "Staff confirm that an order's manual payment (bank transfer, cash on delivery, other) arrived: the payment SUCCEEDS and the order continues exactly as after a card payment (payments.succeeded, with the staff member as actor). Idempotent by idempotencyKey; an order already paid, expired or cancelled is INVALID_TRANSITION.",
  })
  markOrderAsPaid(
    @Arg('input', { description: 'The order, the reference of the money received, and an idempotency key.' }) input: MarkOrderAsPaidInput,
    @Ctx() context: SubgraphContext,
  ): Promise<MarkOrderAsPaidPayload> {
    return markOrderAsPaid(context, input);
  }
}
