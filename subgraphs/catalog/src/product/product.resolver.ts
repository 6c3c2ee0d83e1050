import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { CONNECTION_LIST_SIZE, connectionTypes, Money, Role, selectsField, type SubgraphContext, PageArgs } from '@ultramarket/kit';
import { Product } from './product.entity';
import { ArchiveProductInput, CreateProductInput, ProductFilter, ProductSort, UpdateProductInput } from './product.inputs';
import { ArchiveProductPayload, CreateProductPayload, UpdateProductPayload } from './product.payloads';
import { findVisibleProduct, listProducts } from './product-queries';
import { archiveProduct, createProduct, updateProduct } from './product-commands';
import { ProductVariant } from '../variant/product-variant.entity';
import { ProductOption } from '../option/product-option.entity';
import { PriceRange } from '../variant/price-range.type';
import { loadOptionsOfProduct, loadVariantsOfProduct } from '../variant/variant-queries';

export const ProductConnection = connectionTypes(Product, 'Product');

@ArgsType()
class ProductsArgs extends PageArgs {
  @IsOptional()
  @ValidateNested()
  @Field(() => ProductFilter, { nullable: true, description: 'Conditions every product must meet.' })
  filter?: ProductFilter;

  @Field(() => ProductSort, { nullable: true, description: 'Order of the list (default: newest first).' })
  sort?: ProductSort;
}

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, {
    nullable: true,
    description: "A product of the caller's store by id; null when it does not exist, is not visible to the caller, or its store is suspended or closed.",
  })
  product(@Arg('id', () => ID, { description: 'Product id.' }) id: string, @Ctx() context: SubgraphContext): Promise<Product | null> {
    return findVisibleProduct(context, id);
  }

  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => ProductConnection, {
    description:
      "Products of the store the caller acts for or shops in (X-Store-Id), newest first by default; empty for shoppers while the store is suspended or closed. Platform admins without a store see every store's.",
  })
  products(@Args() args: ProductsArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listProducts(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateProductPayload, { description: "Creates a product in the caller's store; publishes catalog.product-created." })
  createProduct(@Arg('input', { description: 'The new product.' }) input: CreateProductInput, @Ctx() context: SubgraphContext) {
    return createProduct(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateProductPayload, { description: "Changes a product of the caller's store; publishes catalog.product-updated." })
  updateProduct(@Arg('input', { description: 'What to change.' }) input: UpdateProductInput, @Ctx() context: SubgraphContext) {
    return updateProduct(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => ArchiveProductPayload, { description: 'Takes a product off sale, keeping it for order history; publishes catalog.product-updated.' })
  archiveProduct(@Arg('input', { description: 'The product to archive.' }) input: ArchiveProductInput, @Ctx() context: SubgraphContext) {
    return archiveProduct(context, input);
  }

  @FieldResolver(() => [ProductVariant], {
    description: 'Its variants in position order; a product without options has one, "Default", with the product’s id.',
  })
  variants(@Root() product: Product, @Ctx() context: SubgraphContext): Promise<ProductVariant[]> {
    return loadVariantsOfProduct(context, product.id);
  }

  @FieldResolver(() => [ProductOption], { description: 'Its options (Size, Colour) in position order; empty for a product without options.' })
  options(@Root() product: Product, @Ctx() context: SubgraphContext): Promise<ProductOption[]> {
    return loadOptionsOfProduct(context, product.id);
  }

  @FieldResolver(() => PriceRange, { description: 'Lowest and highest variant price.' })
  async priceRange(@Root() product: Product, @Ctx() context: SubgraphContext): Promise<PriceRange> {
    const amounts = (await loadVariantsOfProduct(context, product.id)).map((variant) => variant.priceAmount);
    if (amounts.length === 0) return PriceRange.of(product.price, product.price);
    return PriceRange.of(Money.of(Math.min(...amounts), product.currencyCode), Money.of(Math.max(...amounts), product.currencyCode));
  }
}
