import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { CancelOrderRemainderInput } from './fulfilment.inputs';
import { CancelOrderRemainderPayload } from './fulfilment.payloads';
import { cancelOrderRemainder } from './cancel-remainder';

@Resolver(() => Order)
export class FulfilmentResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CancelOrderRemainderPayload, {
    description:
      'Cancels the units a PARTIALLY_FULFILLED order has not shipped (staff of its store): each line’s cancelledQuantity, the order FULFILLED (DELIVERED when its shipments have all arrived), its stock back to available, and orders.remainder-cancelled with their value for a refund. userErrors: NOT_FOUND, INVALID_TRANSITION (not PARTIALLY_FULFILLED), ORDER_NOT_PAID, STORE_UNAVAILABLE.',
  })
  cancelOrderRemainder(
    @Arg('input', { description: 'The order and why.' }) input: CancelOrderRemainderInput,
    @Ctx() context: SubgraphContext,
  ): Promise<CancelOrderRemainderPayload> {
    return cancelOrderRemainder(context, input);
  }
}
