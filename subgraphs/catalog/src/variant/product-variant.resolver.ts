import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { ProductVariant } from './product-variant.entity';
import { CreateProductVariantsInput, DeleteProductVariantsInput, SetVariantMediaInput, UpdateProductVariantsInput } from './product-variant.inputs';
import { setVariantMedia } from './set-variant-media';
import { findVisibleVariant, loadOptionsOfProduct } from './variant-queries';
import { createProductVariants, deleteProductVariants, updateProductVariants } from './variant-commands';
import { Product } from '../product/product.entity';
import { findVisibleProduct } from '../product/product-queries';
import { CreateProductVariantsPayload, DeleteProductVariantsPayload, SetVariantMediaPayload, UpdateProductVariantsPayload } from '../product/product.payloads';
import { SelectedOption } from '../option/product-option.entity';

@Resolver(() => ProductVariant)
export class ProductVariantResolver {
  @Query(() => ProductVariant, {
    nullable: true,
    description: 'A variant by id (a product’s id names its first variant); null when the caller may not see its product.',
  })
  productVariant(@Arg('id', () => ID, { description: 'Variant id.' }) id: string, @Ctx() context: SubgraphContext): Promise<ProductVariant | null> {
    return findVisibleVariant(context, id);
  }

  @FieldResolver(() => Product, { nullable: true, description: 'The product it is a variant of.' })
  product(@Root() variant: ProductVariant, @Ctx() context: SubgraphContext): Promise<Product | null> {
    return findVisibleProduct(context, variant.productId);
  }

  @FieldResolver(() => [SelectedOption], { description: 'Its value for each of the product’s options, in option order; empty for the default variant.' })
  async selectedOptions(@Root() variant: ProductVariant, @Ctx() context: SubgraphContext): Promise<SelectedOption[]> {
    const options = await loadOptionsOfProduct(context, variant.productId);
    return variant.optionValues.map((value, index) => SelectedOption.of(options[index]?.name ?? '', value));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateProductVariantsPayload, { description: 'Adds variants to a product of the caller’s store; publishes catalog.product-updated.' })
  createProductVariants(
    @Arg('input', { description: 'The product and its new variants.' }) input: CreateProductVariantsInput,
    @Ctx() context: SubgraphContext,
  ) {
    return createProductVariants(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateProductVariantsPayload, { description: 'Changes variants of a product of the caller’s store; publishes catalog.product-updated.' })
  updateProductVariants(@Arg('input', { description: 'The product and the changes.' }) input: UpdateProductVariantsInput, @Ctx() context: SubgraphContext) {
    return updateProductVariants(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteProductVariantsPayload, {
    description: 'Removes variants from a product of the caller’s store (never its last one); publishes catalog.product-updated.',
  })
  deleteProductVariants(
    @Arg('input', { description: 'The product and the variants to remove.' }) input: DeleteProductVariantsInput,
    @Ctx() context: SubgraphContext,
  ) {
    return deleteProductVariants(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => SetVariantMediaPayload, {
    description: 'Points a variant of the caller’s store at one of its product’s shown images, or at none; publishes catalog.product-updated.',
  })
  setVariantMedia(@Arg('input', { description: 'The variant and its image.' }) input: SetVariantMediaInput, @Ctx() context: SubgraphContext) {
    return setVariantMedia(context, input);
  }
}
