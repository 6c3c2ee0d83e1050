import { Arg, Authorized, Ctx, Directive, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Money, Role, type SubgraphContext } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { OrderLineItem } from '../order/order-line-item.entity';
import { PaymentStatus } from '../order/order-status';
import { Refund } from './refund.entity';
import { RefundLine } from './refund-line.entity';
import { RefundStatus } from './refund-status';
import { RefundOrderInput, RetryRefundInput } from './refund.inputs';
import { RefundOrderPayload, RetryRefundPayload } from './refund.payloads';
import { refundOrder } from './refund-order';
import { retryRefund } from './retry-refund';
import { capturedAmount } from './refund-amounts';
import { loadRefundedQuantity, loadRefundLines, loadRefunds } from './refund-queries';

@Resolver(() => Order)
export class OrderRefundsResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive('@cost(weight: 20)')
  @Mutation(() => RefundOrderPayload, {
    description:
      'Refunds an order of the caller’s store (staff): lines by quantity (each restocked or not, to a location), shipping, and/or an explicit amount, with a reason. Never more than captured minus refunded minus pending refunds (REFUND_EXCEEDS_REFUNDABLE), nor more units than bought minus refunded (REFUND_QUANTITY_EXCEEDED). The refund is PENDING until the payment provider answers.',
  })
  refundOrder(@Arg('input', { description: 'What to refund and why.' }) input: RefundOrderInput, @Ctx() context: SubgraphContext): Promise<RefundOrderPayload> {
    return refundOrder(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive('@cost(weight: 20)')
  @Mutation(() => RetryRefundPayload, { description: 'Asks the payment provider again for a FAILED refund of the caller’s store (staff).' })
  retryRefund(@Arg('input', { description: 'The refund.' }) input: RetryRefundInput, @Ctx() context: SubgraphContext): Promise<RetryRefundPayload> {
    return retryRefund(context, input);
  }

  @Directive('@listSize(assumedSize: 3)')
  @FieldResolver(() => [Refund], { description: 'The order’s refunds, oldest first, whatever their status.' })
  refunds(@Root() order: Order, @Ctx() context: SubgraphContext): Promise<Refund[]> {
    return loadRefunds(context, order.id);
  }

  @FieldResolver(() => Money, { description: 'What refunds have given back (a whole payment refunded by the platform counts whole).' })
  totalRefunded(@Root() order: Order): Money {
    const whole = order.paymentStatus === PaymentStatus.REFUNDED && order.refundedAmount === 0;
    return Money.of(whole ? order.totalAmount : order.refundedAmount, order.currencyCode);
  }

  @FieldResolver(() => Money, { description: 'What may still be refunded: captured minus refunded minus refunds still pending.' })
  async refundableAmount(@Root() order: Order, @Ctx() context: SubgraphContext): Promise<Money> {
    if (order.paymentStatus === PaymentStatus.REFUNDED) return Money.of(0, order.currencyCode);
    const refunds = await loadRefunds(context, order.id);
    const held = refunds.filter((refund) => refund.status !== RefundStatus.FAILED).reduce((sum, refund) => sum + refund.amountMinorUnits, 0);
    return Money.of(Math.max(0, capturedAmount(order) - held), order.currencyCode);
  }
}

@Resolver(() => Refund)
export class RefundLinesResolver {
  @Directive('@listSize(assumedSize: 5)')
  @FieldResolver(() => [RefundLine], { description: 'The order lines the refund gives back, with units and restock choice.' })
  lines(@Root() refund: Refund, @Ctx() context: SubgraphContext): Promise<RefundLine[]> {
    return loadRefundLines(context, refund.id);
  }
}

@Resolver(() => OrderLineItem)
export class LineItemRefundsResolver {
  @FieldResolver(() => Int, { description: 'Units of this line refunded or being refunded (failed refunds not counted).' })
  refundedQuantity(@Root() line: OrderLineItem, @Ctx() context: SubgraphContext): Promise<number> {
    return loadRefundedQuantity(context, line.id);
  }
}
