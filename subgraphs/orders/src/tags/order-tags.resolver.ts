import { In } from 'typeorm';
import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { OrderTag } from './order-tag.entity';
import { addTags, changeOrderTags, removeTags, replaceTags } from './change-order-tags';
import { AddOrderTagsInput, RemoveOrderTagsInput, SetOrderTagsInput } from './order-tags.inputs';
import { AddOrderTagsPayload, RemoveOrderTagsPayload, SetOrderTagsPayload } from './order-tags.payloads';

const TAG_ERRORS = 'userErrors: NOT_FOUND (no such order in the caller’s store), INVALID_TAG, TOO_MANY_TAGS (more than 50), STORE_UNAVAILABLE.';

/** Tags of many orders in one statement per request. */
function loadTags(context: SubgraphContext, order: Order): Promise<string[]> {
  const store = context.storeDb.whereStore();
  return context.loaders
    .get<string, string[]>('tagsByOrder', async (orderIds) => {
      const rows = await context.storeDb.read((manager) =>
        manager.getRepository(OrderTag).find({ where: { orderId: In([...orderIds]), ...store }, order: { tag: 'ASC' } }),
      );
      return orderIds.map((orderId) => rows.filter((row) => row.orderId === orderId).map((row) => row.tag));
    })
    .load(order.id);
}

@Resolver(() => Order)
export class OrderTagsResolver {
  @Directive('@listSize(assumedSize: 10)')
  @FieldResolver(() => [String], {
    description: 'The store’s own labels for the order (lower case, sorted); search orders by them with OrderFilter.tagsAny / tagsAll.',
  })
  tags(@Root() order: Order, @Ctx() context: SubgraphContext): Promise<string[]> {
    return loadTags(context, order);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => SetOrderTagsPayload, { description: `Replaces an order’s tags (its store’s staff). ${TAG_ERRORS}` })
  setOrderTags(
    @Arg('input', { description: 'The order and its tags.' }) input: SetOrderTagsInput,
    @Ctx() context: SubgraphContext,
  ): Promise<SetOrderTagsPayload> {
    return changeOrderTags(context, input, SetOrderTagsPayload, replaceTags);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => AddOrderTagsPayload, { description: `Adds tags to an order (its store’s staff); tags it has already are kept once. ${TAG_ERRORS}` })
  addOrderTags(
    @Arg('input', { description: 'The order and the tags to add.' }) input: AddOrderTagsInput,
    @Ctx() context: SubgraphContext,
  ): Promise<AddOrderTagsPayload> {
    return changeOrderTags(context, input, AddOrderTagsPayload, addTags);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => RemoveOrderTagsPayload, { description: `Takes tags off an order (its store’s staff). ${TAG_ERRORS}` })
  removeOrderTags(
    @Arg('input', { description: 'The order and the tags to remove.' }) input: RemoveOrderTagsInput,
    @Ctx() context: SubgraphContext,
  ): Promise<RemoveOrderTagsPayload> {
    return changeOrderTags(context, input, RemoveOrderTagsPayload, removeTags);
  }
}
