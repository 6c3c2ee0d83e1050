import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_LIST_SIZE, PageArgs, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { Category } from './category.entity';
import { AssignProductCategoriesInput, CreateCategoryInput, DeleteCategoryInput, MoveCategoryInput, UpdateCategoryInput } from './category.inputs';
import { AssignProductCategoriesPayload, CreateCategoryPayload, DeleteCategoryPayload, MoveCategoryPayload, UpdateCategoryPayload } from './category.payloads';
import {
  breadcrumbsOf,
  countProductsUnder,
  findCategoryByHandle,
  findVisibleCategory,
  listCategories,
  loadCategory,
  loadChildren,
  productsUnder,
} from './category-queries';
import { createCategory, deleteCategory, updateCategory } from './category-commands';
import { moveCategory } from './move-category';
import { assignProductCategories } from './assign-product-categories';
import { ProductConnection } from '../product/product.resolver';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => Category, { nullable: true, description: "A category of the caller's store by id; null when there is none or the store is not browsable." })
  category(@Arg('id', () => ID, { description: 'Category id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Category | null> {
    return findVisibleCategory(context, id);
  }

  @Query(() => Category, { nullable: true, description: "A category of the caller's store by its handle." })
  categoryByHandle(@Arg('handle', { description: 'Category handle.' }) handle: string, @Ctx() context: SubgraphContext): Promise<Category | null> {
    return findCategoryByHandle(context, handle);
  }

  @Query(() => [Category], { description: "The children of a category of the caller's store, in order; the root categories when parentId is null." })
  categories(
    @Arg('parentId', () => ID, { nullable: true, description: 'The parent; null or left out for the roots.' }) parentId: string | null,
    @Ctx() context: SubgraphContext,
  ): Promise<Category[]> {
    return listCategories(context, parentId);
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The parent category; null for a root.' })
  parent(@Root() category: Category, @Ctx() context: SubgraphContext): Promise<Category | null> {
    return category.parentId ? loadCategory(context, category.parentId) : Promise.resolve(null);
  }

  @FieldResolver(() => [Category], { description: 'Its child categories, in order.' })
  children(@Root() category: Category, @Ctx() context: SubgraphContext): Promise<Category[]> {
    return loadChildren(context, category.id);
  }

  @FieldResolver(() => [Category], { description: 'The way down from the root to this category, itself last (Men › Tops › T-shirts).' })
  breadcrumbs(@Root() category: Category, @Ctx() context: SubgraphContext): Promise<Category[]> {
    return breadcrumbsOf(context, category);
  }

  @FieldResolver(() => Int, {
    description: 'How many products are in it or any category below it, each counted once; shoppers count ACTIVE products, staff all.',
  })
  productCount(@Root() category: Category, @Ctx() context: SubgraphContext): Promise<number> {
    return countProductsUnder(context, category);
  }

  @Directive(CONNECTION_LIST_SIZE)
  @FieldResolver(() => ProductConnection, {
    description: 'The products in it or any category below it, newest first; shoppers see ACTIVE products, staff all.',
  })
  products(@Root() category: Category, @Args() args: PageArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return productsUnder(context, category, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateCategoryPayload, { description: "Creates a category in the caller's store; publishes catalog.category-updated." })
  createCategory(@Arg('input', { description: 'The new category.' }) input: CreateCategoryInput, @Ctx() context: SubgraphContext) {
    return createCategory(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateCategoryPayload, { description: 'Renames, re-handles or re-describes a category; publishes catalog.category-updated.' })
  updateCategory(@Arg('input', { description: 'What to change.' }) input: UpdateCategoryInput, @Ctx() context: SubgraphContext) {
    return updateCategory(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => MoveCategoryPayload, {
    description:
      'Moves a category with everything below it; refused with CATEGORY_CYCLE (under itself or a descendant) or CATEGORY_TOO_DEEP (over 10 levels). Publishes catalog.category-updated and catalog.product-categories-changed for the products below it.',
  })
  moveCategory(@Arg('input', { description: 'Where it goes.' }) input: MoveCategoryInput, @Ctx() context: SubgraphContext) {
    return moveCategory(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteCategoryPayload, {
    description:
      'Deletes a category without child categories (else CATEGORY_NOT_EMPTY); its products leave it. Publishes catalog.category-deleted and catalog.product-categories-changed.',
  })
  deleteCategory(@Arg('input', { description: 'The category to delete.' }) input: DeleteCategoryInput, @Ctx() context: SubgraphContext) {
    return deleteCategory(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => AssignProductCategoriesPayload, {
    description: 'Sets the categories a product sits in (replacing its assignment); publishes catalog.product-categories-changed when it changed.',
  })
  assignProductCategories(
    @Arg('input', { description: 'The product and its categories.' }) input: AssignProductCategoriesInput,
    @Ctx() context: SubgraphContext,
  ) {
    return assignProductCategories(context, input);
  }
}
