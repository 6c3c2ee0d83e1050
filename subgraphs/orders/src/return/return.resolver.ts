import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { connectionTypes, Role, selectsField, TwoWayPageArgs, type SubgraphContext } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { Refund } from '../refund/refund.entity';
import { loadRefunds } from '../refund/refund-queries';
import { Return } from './return.entity';
import { ReturnLine } from './return-line.entity';
import {
  ApproveReturnInput,
  CloseReturnInput,
  MarkReturnReceivedInput,
  RefundReturnInput,
  RejectReturnInput,
  RequestReturnInput,
  ReturnFilter,
} from './return.inputs';
import {
  ApproveReturnPayload,
  CloseReturnPayload,
  MarkReturnReceivedPayload,
  RefundReturnPayload,
  RejectReturnPayload,
  RequestReturnPayload,
} from './return.payloads';
import { requestReturn } from './request-return';
import { approveReturn, rejectReturn } from './decide-return';
import { closeReturn, markReturnReceived } from './receive-return';
import { refundReturn } from './refund-return';
import { findVisibleReturn, listReturns, loadReturnLines, loadReturns } from './return-queries';

export const ReturnConnection = connectionTypes(Return, 'Return');

@ArgsType()
class ReturnsArgs extends TwoWayPageArgs {
  @IsOptional()
  @ValidateNested()
  @Field(() => ReturnFilter, { nullable: true, description: 'Conditions every return must meet.' })
  filter?: ReturnFilter;
}

const STAFF = [Role.MERCHANT, Role.STORE_STAFF];

@Resolver(() => Return)
export class ReturnResolver {
  @Query(() => Return, { nullable: true, description: 'A return by id: its order’s shopper, its store’s staff and platform admins may read it.' })
  return(@Arg('id', () => ID, { description: 'Return id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Return | null> {
    return findVisibleReturn(context, id);
  }

  @Authorized(...STAFF)
  @Directive('@listSize(assumedSize: 20, slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)')
  @Query(() => ReturnConnection, {
    description:
      'The caller’s store’s returns (staff), newest first, filtered by status or order and paged forward (first/after) or backward (last/before). BAD_USER_INPUT for a page size over 100 or a cursor this API did not make.',
  })
  returns(@Args() args: ReturnsArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listReturns(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized()
  @Directive('@cost(weight: 10)')
  @Mutation(() => RequestReturnPayload, {
    description:
      'Asks to return delivered units of an order (its signed-in shopper, or its store’s staff): REQUESTED. Refused, writing nothing, with LINE_NOT_IN_ORDER, LINE_NOT_DELIVERED, RETURN_WINDOW_CLOSED (later than the store’s returnWindowDays after delivery), RETURNS_DISABLED, RETURN_QUANTITY_EXCEEDED (more than delivered less refunded and already returning).',
  })
  requestReturn(
    @Arg('input', { description: 'The order, lines and reasons.' }) input: RequestReturnInput,
    @Ctx() context: SubgraphContext,
  ): Promise<RequestReturnPayload> {
    return requestReturn(context, input);
  }

  @Authorized(...STAFF)
  @Mutation(() => ApproveReturnPayload, {
    description: 'Accepts a REQUESTED return of the caller’s store (staff): APPROVED. Any other status is INVALID_TRANSITION.',
  })
  approveReturn(@Arg('input', { description: 'The return.' }) input: ApproveReturnInput, @Ctx() context: SubgraphContext): Promise<ApproveReturnPayload> {
    return approveReturn(context, input);
  }

  @Authorized(...STAFF)
  @Mutation(() => RejectReturnPayload, {
    description:
      'Refuses a REQUESTED return of the caller’s store (staff) with a reason the shopper is told: REJECTED. Any other status is INVALID_TRANSITION.',
  })
  rejectReturn(@Arg('input', { description: 'The return and why.' }) input: RejectReturnInput, @Ctx() context: SubgraphContext): Promise<RejectReturnPayload> {
    return rejectReturn(context, input);
  }

  @Authorized(...STAFF)
  @Mutation(() => MarkReturnReceivedPayload, {
    description:
      'Marks an APPROVED return’s units back with the store (staff), with a restock choice per line: RECEIVED. Any other status is INVALID_TRANSITION.',
  })
  markReturnReceived(
    @Arg('input', { description: 'The return and restock choices.' }) input: MarkReturnReceivedInput,
    @Ctx() context: SubgraphContext,
  ): Promise<MarkReturnReceivedPayload> {
    return markReturnReceived(context, input);
  }

  @Authorized(...STAFF)
  @Directive('@cost(weight: 20)')
  @Mutation(() => RefundReturnPayload, {
    description:
      'Refunds a RECEIVED return (staff): its lines’ share, restocked or not per line, shipping or an amount adjusted; the return becomes REFUNDED when the refund succeeds. A return already being refunded, or not RECEIVED, is INVALID_TRANSITION; the refund rules’ own codes (REFUND_QUANTITY_EXCEEDED, REFUND_EXCEEDS_REFUNDABLE, ORDER_NOT_PAID) come back as they are.',
  })
  refundReturn(
    @Arg('input', { description: 'The return and the refund’s terms.' }) input: RefundReturnInput,
    @Ctx() context: SubgraphContext,
  ): Promise<RefundReturnPayload> {
    return refundReturn(context, input);
  }

  @Authorized(...STAFF)
  @Mutation(() => CloseReturnPayload, {
    description: 'Closes an APPROVED or RECEIVED return without a refund (staff): CLOSED. Any other status is INVALID_TRANSITION.',
  })
  closeReturn(@Arg('input', { description: 'The return.' }) input: CloseReturnInput, @Ctx() context: SubgraphContext): Promise<CloseReturnPayload> {
    return closeReturn(context, input);
  }

  @Directive('@listSize(assumedSize: 5)')
  @FieldResolver(() => [ReturnLine], { description: 'The order lines returned, with units, reasons and restock choices.' })
  lines(@Root() found: Return, @Ctx() context: SubgraphContext): Promise<ReturnLine[]> {
    return loadReturnLines(context, found.id);
  }

  @FieldResolver(() => Refund, { nullable: true, description: 'The refund refundReturn asked for (PENDING, SUCCEEDED or FAILED); null before.' })
  async refund(@Root() found: Return, @Ctx() context: SubgraphContext): Promise<Refund | null> {
    if (!found.refundId) return null;
    return (await loadRefunds(context, found.orderId)).find((refund) => refund.id === found.refundId) ?? null;
  }

  /** Served by the gateway from `orders.return-updated`; declared here because orders owns Return. */
  @Subscription(() => Return, {
    description: 'Pushes the return each time it takes a step (its order’s shopper and its store’s staff only). Ask for any field, from any subgraph.',
    subscribe: () => {
      throw new Error('returnUpdated is served by the gateway');
    },
  })
  returnUpdated(@Arg('returnId', () => ID, { description: 'The return to follow.' }) _returnId: string): Return {
    throw new Error('returnUpdated is served by the gateway');
  }
}

@Resolver(() => Order)
export class OrderReturnsResolver {
  @Directive('@listSize(assumedSize: 2)')
  @FieldResolver(() => [Return], { description: 'The order’s returns, oldest first, whatever their status.' })
  returns(@Root() order: Order, @Ctx() context: SubgraphContext): Promise<Return[]> {
    return loadReturns(context, order.id);
  }
}
