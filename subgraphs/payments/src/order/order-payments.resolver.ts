import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { Payment } from '../payment/payment.entity';
import { visiblePaymentsOfOrder } from '../payment/payment-queries';
import { OrderReference } from './order-reference.type';

@Resolver(() => OrderReference)
export class OrderPaymentsResolver {
  @Directive('@listSize(assumedSize: 5)')
  @FieldResolver(() => [Payment], { description: 'Every payment attempt of the order, oldest first; empty unless the caller is its customer or store staff.' })
  payments(@Root() order: OrderReference, @Ctx() context: SubgraphContext): Promise<Payment[]> {
    return visiblePaymentsOfOrder(context, order.id);
  }
}
