import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Product } from './product.entity';

/** Every product mutation answers with the product (when it succeeded) and what went wrong (when not). */
@ObjectType({ description: 'Result of a product mutation.' })
export class ProductPayload {
  @Field(() => Product, { nullable: true, description: 'The product as it now is; null when nothing was changed.' })
  product: Product | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(product: Product): ProductPayload {
    return Object.assign(new ProductPayload(), { product, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): ProductPayload {
    return Object.assign(new ProductPayload(), { product: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createProduct.' })
export class CreateProductPayload extends ProductPayload {}

@ObjectType({ description: 'Result of updateProduct.' })
export class UpdateProductPayload extends ProductPayload {}

@ObjectType({ description: 'Result of archiveProduct.' })
export class ArchiveProductPayload extends ProductPayload {}

@ObjectType({ description: 'Result of setProductOptions.' })
export class SetProductOptionsPayload extends ProductPayload {}

@ObjectType({ description: 'Result of createProductVariants.' })
export class CreateProductVariantsPayload extends ProductPayload {}

@ObjectType({ description: 'Result of updateProductVariants.' })
export class UpdateProductVariantsPayload extends ProductPayload {}

@ObjectType({ description: 'Result of deleteProductVariants.' })
export class DeleteProductVariantsPayload extends ProductPayload {}

@ObjectType({ description: 'Result of setVariantMedia.' })
export class SetVariantMediaPayload extends ProductPayload {}
