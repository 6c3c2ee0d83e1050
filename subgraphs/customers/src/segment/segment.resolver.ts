import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsUUID } from 'class-validator';
import { CONNECTION_LIST_SIZE, connectionTypes, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { CustomerConnection } from '../customer/customer.resolver';
import { CustomerSegment } from './customer-segment.entity';
import { CreateCustomerSegmentInput, DeleteCustomerSegmentInput, UpdateCustomerSegmentInput } from './segment.inputs';
import { CreateCustomerSegmentPayload, DeleteCustomerSegmentPayload, UpdateCustomerSegmentPayload } from './segment.payloads';
import { findVisibleSegment, listSegments, loadCustomerCount, segmentCustomers } from './segment-queries';
import { createCustomerSegment, deleteCustomerSegment, updateCustomerSegment } from './segment-commands';

export const CustomerSegmentConnection = connectionTypes(CustomerSegment, 'CustomerSegment');

@ArgsType()
class SegmentCustomersArgs extends PageArgs {
  @IsUUID()
  @Field(() => ID, { description: 'The segment whose customers to list.' })
  segmentId: string;
}

@Resolver(() => CustomerSegment)
export class CustomerSegmentResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => CustomerSegment, { nullable: true, description: "A segment of the caller's store by id; null when there is none." })
  customerSegment(@Arg('id', () => ID, { description: 'Segment id.' }) id: string, @Ctx() context: SubgraphContext): Promise<CustomerSegment | null> {
    return findVisibleSegment(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => CustomerSegmentConnection, { description: "Segments of the caller's store, oldest first." })
  customerSegments(@Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listSegments(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => CustomerConnection, { description: 'The customers in a segment, newest first; empty for a segment that is not in your store.' })
  segmentCustomers(@Args() args: SegmentCustomersArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return segmentCustomers(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateCustomerSegmentPayload, { description: "Creates a segment in the caller's store and computes its members." })
  createCustomerSegment(@Arg('input', { description: 'The new segment.' }) input: CreateCustomerSegmentInput, @Ctx() context: SubgraphContext) {
    return createCustomerSegment(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateCustomerSegmentPayload, { description: 'Renames a segment or replaces its rules (its members are recomputed).' })
  updateCustomerSegment(@Arg('input', { description: 'What to change.' }) input: UpdateCustomerSegmentInput, @Ctx() context: SubgraphContext) {
    return updateCustomerSegment(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteCustomerSegmentPayload, { description: 'Deletes a segment; its customers are not touched.' })
  deleteCustomerSegment(@Arg('input', { description: 'The segment to delete.' }) input: DeleteCustomerSegmentInput, @Ctx() context: SubgraphContext) {
    return deleteCustomerSegment(context, input);
  }

  @FieldResolver(() => Int, { description: 'How many customers the segment holds now.' })
  customerCount(@Root() segment: CustomerSegment, @Ctx() context: SubgraphContext): Promise<number> {
    return loadCustomerCount(context, segment);
  }
}
