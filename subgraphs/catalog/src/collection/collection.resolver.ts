import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_LIST_SIZE, connectionTypes, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { Collection } from './collection.entity';
import {
  CollectionProductsInput,
  CreateCollectionInput,
  DeleteCollectionInput,
  ReorderCollectionProductsInput,
  UpdateCollectionInput,
} from './collection.inputs';
import {
  AddProductsToCollectionPayload,
  CreateCollectionPayload,
  DeleteCollectionPayload,
  RemoveProductsFromCollectionPayload,
  ReorderCollectionProductsPayload,
  UpdateCollectionPayload,
} from './collection.payloads';
import { collectionProducts, countCollectionProducts, findCollectionByHandle, findVisibleCollection, listCollections } from './collection-queries';
import { createCollection, deleteCollection, updateCollection } from './collection-commands';
import { addProductsToCollection, removeProductsFromCollection, reorderCollectionProducts } from './manual-collection-products';
import { ProductConnection } from '../product/product.resolver';

export const CollectionConnection = connectionTypes(Collection, 'Collection');

@Resolver(() => Collection)
export class CollectionResolver {
  @Query(() => Collection, {
    nullable: true,
    description: "A collection of the caller's store by id; null when there is none, it is unpublished (for shoppers) or the store is not browsable.",
  })
  collection(@Arg('id', () => ID, { description: 'Collection id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Collection | null> {
    return findVisibleCollection(context, id);
  }

  @Query(() => Collection, { nullable: true, description: "A collection of the caller's store by its handle (published ones for shoppers)." })
  collectionByHandle(@Arg('handle', { description: 'Collection handle.' }) handle: string, @Ctx() context: SubgraphContext): Promise<Collection | null> {
    return findCollectionByHandle(context, handle);
  }

  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => CollectionConnection, { description: "The collections of the caller's store by title: published ones for shoppers, all for its staff." })
  collections(@Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listCollections(context, args, selectsField(info, 'totalCount'));
  }

  @Directive(CONNECTION_LIST_SIZE)
  @FieldResolver(() => ProductConnection, { description: "Its products in the collection's sort order; shoppers see ACTIVE products, staff all." })
  products(@Root() collection: Collection, @Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return collectionProducts(context, collection, args, selectsField(info, 'totalCount'));
  }

  @FieldResolver(() => Int, { description: 'How many of its products the caller may see (shoppers: ACTIVE ones).' })
  productsCount(@Root() collection: Collection, @Ctx() context: SubgraphContext): Promise<number> {
    return countCollectionProducts(context, collection);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateCollectionPayload, {
    description: 'Creates a manual or automated collection (an automated one gets its members at once); publishes catalog.collection-updated.',
  })
  createCollection(@Arg('input', { description: 'The new collection.' }) input: CreateCollectionInput, @Ctx() context: SubgraphContext) {
    return createCollection(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateCollectionPayload, { description: 'Changes a collection (new rules recompute its members); publishes catalog.collection-updated.' })
  updateCollection(@Arg('input', { description: 'What to change.' }) input: UpdateCollectionInput, @Ctx() context: SubgraphContext) {
    return updateCollection(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteCollectionPayload, { description: 'Deletes a collection (not its products); publishes catalog.collection-deleted.' })
  deleteCollection(@Arg('input', { description: 'The collection to delete.' }) input: DeleteCollectionInput, @Ctx() context: SubgraphContext) {
    return deleteCollection(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => AddProductsToCollectionPayload, {
    description: 'Appends products to a manual collection (COLLECTION_IS_AUTOMATED for an automated one); publishes catalog.collection-updated.',
  })
  addProductsToCollection(@Arg('input', { description: 'The collection and the products.' }) input: CollectionProductsInput, @Ctx() context: SubgraphContext) {
    return addProductsToCollection(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => RemoveProductsFromCollectionPayload, { description: 'Takes products out of a manual collection; publishes catalog.collection-updated.' })
  removeProductsFromCollection(
    @Arg('input', { description: 'The collection and the products.' }) input: CollectionProductsInput,
    @Ctx() context: SubgraphContext,
  ) {
    return removeProductsFromCollection(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => ReorderCollectionProductsPayload, {
    description: 'Moves products of a manual collection to new places; publishes catalog.collection-updated.',
  })
  reorderCollectionProducts(
    @Arg('input', { description: 'The collection and the moves.' }) input: ReorderCollectionProductsInput,
    @Ctx() context: SubgraphContext,
  ) {
    return reorderCollectionProducts(context, input);
  }
}
