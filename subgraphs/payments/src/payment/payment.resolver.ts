import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_LIST_SIZE, connectionTypes, type SubgraphContext, PageArgs } from '@ultramarket/kit';
import { OrderReference } from '../order/order-reference.type';
import { Payment } from './payment.entity';
import { PaymentTransaction } from './payment-transaction.entity';
import { findVisiblePayment, listOrderPayments, loadTransactions } from './payment-queries';

export const PaymentConnection = connectionTypes(Payment, 'Payment');

@ArgsType()
class PaymentsArgs extends PageArgs {
  @Field(() => ID, { description: 'The order whose payments to list.' })
  orderId: string;
}

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => Payment, { nullable: true, description: "A payment by id, for its order's customer and store staff; null for anyone else." })
  payment(@Arg('id', () => ID, { description: 'Payment id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Payment | null> {
    return findVisiblePayment(context, id);
  }

  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => PaymentConnection, { description: "An order's payments, oldest first, for its customer and store staff; empty for anyone else." })
  payments(@Args() args: PaymentsArgs, @Ctx() context: SubgraphContext) {
    return listOrderPayments(context, args);
  }

  @Directive('@listSize(assumedSize: 5)')
  @FieldResolver(() => [PaymentTransaction], { description: 'Every call made to the provider for this payment, oldest first.' })
  transactions(@Root() payment: Payment, @Ctx() context: SubgraphContext): Promise<PaymentTransaction[]> {
    return loadTransactions(context, payment.id);
  }

  @FieldResolver(() => OrderReference, { description: 'The order this payment is for.' })
  order(@Root() payment: Payment): OrderReference {
    return OrderReference.of(payment.orderId);
  }
}
