import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLSafeInt, MAX_MONEY_INPUT_AMOUNT, MoneyInput } from '@ultramarket/kit';
import { ProductStatus } from './product-status';
import { ProductOptionInput } from '../option/product-option.inputs';
import { ProductVariantInput, VariantFieldsInput } from '../variant/product-variant.inputs';
import { HANDLE_MESSAGE, HANDLE_PATTERN } from './product-handle';
import { TAX_CLASS_MESSAGE, TAX_CLASS_PATTERN } from './product-tax-class';

/** A product carries at most 250 tags of up to 255 characters each. */
export const MAX_TAGS = 250;

/**
 * The sku, barcode, compareAtPrice, weightGrams and trackInventory fields (from VariantFieldsInput)
 * describe the default variant; with options, compareAtPrice, weightGrams and trackInventory apply
 * to every generated combination and SKUs are given per variant.
 */
@InputType({ description: "A new product for the caller's store; sku, barcode, compareAtPrice, weightGrams and trackInventory describe its variant(s)." })
export class CreateProductInput extends VariantFieldsInput {
  @Length(1, 255)
  @Field({ description: 'Name shown to shoppers (1–255 characters).' })
  title: string;

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'Long description, up to 5000 characters.' })
  description?: string;

  @IsOptional()
  @Length(1, 255)
  @Matches(HANDLE_PATTERN, { message: HANDLE_MESSAGE })
  @Field({ nullable: true, description: 'URL handle; generated from the title when left out.' })
  handle?: string;

  @ValidateNested()
  @Field(() => MoneyInput, { description: 'Selling price in minor units.' })
  price: MoneyInput;

  @IsOptional()
  @Length(1, 100)
  @Field({ nullable: true, description: 'Category name.' })
  category?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @Field({ nullable: true, description: 'URL of the main image (http or https).' })
  imageUrl?: string;

  @IsOptional()
  @IsIn([ProductStatus.DRAFT, ProductStatus.ACTIVE])
  @Field(() => ProductStatus, { nullable: true, description: 'DRAFT (default) or ACTIVE.' })
  status?: ProductStatus;

  @IsOptional()
  @ArrayMaxSize(MAX_TAGS)
  @Length(1, 255, { each: true })
  @Field(() => [String], { nullable: true, description: 'Tags (at most 250), stored lower-cased and trimmed, each once.' })
  tags?: string[];

  @IsOptional()
  @MaxLength(255)
  @Field(() => String, { nullable: true, description: 'Brand or supplier.' })
  vendor?: string | null;

  @IsOptional()
  @MaxLength(255)
  @Field(() => String, { nullable: true, description: 'Kind of product, in the merchant’s words.' })
  productType?: string | null;

  @IsOptional()
  @MaxLength(255)
  @Field(() => String, { nullable: true, description: 'Title for search engines.' })
  seoTitle?: string | null;

  @IsOptional()
  @MaxLength(5000)
  @Field(() => String, { nullable: true, description: 'Description for search engines, up to 5000 characters.' })
  seoDescription?: string | null;

  @IsOptional()
  @Field(() => Date, { nullable: true, description: 'When an ACTIVE product appears to shoppers (UTC); left out: as soon as it is ACTIVE.' })
  publishedAt?: Date | null;

  @IsOptional()
  @Matches(TAX_CLASS_PATTERN, { message: TAX_CLASS_MESSAGE })
  @Field(() => String, {
    nullable: true,
    description: 'Tax class (1–64 of a-z, 0-9, "-", "_"; stored lower-cased) whose tax rules apply; left out: the standard rate.',
  })
  taxClass?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => [ProductOptionInput], {
    nullable: true,
    description: 'Options (Size, Colour): at most 3, at most 100 values each. Left out: one default variant.',
  })
  options?: ProductOptionInput[];

  @IsOptional()
  @ValidateNested()
  @Field(() => [ProductVariantInput], {
    nullable: true,
    description: 'The combinations on sale (at most 250), each at `price` unless it gives its own. Left out with options: every combination.',
  })
  variants?: ProductVariantInput[];
}

@InputType({ description: 'Changes to a product; fields left out stay as they are.' })
export class UpdateProductInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product to change.' })
  id: string;

  @IsOptional()
  @Length(1, 255)
  @Field({ nullable: true, description: 'New title.' })
  title?: string;

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'New description.' })
  description?: string;

  @IsOptional()
  @Length(1, 255)
  @Matches(HANDLE_PATTERN, { message: HANDLE_MESSAGE })
  @Field({ nullable: true, description: 'New URL handle.' })
  handle?: string;

  @IsOptional()
  @ValidateNested()
  @Field(() => MoneyInput, { nullable: true, description: 'New price of every variant (a new currency clears their compare-at prices).' })
  price?: MoneyInput;

  @IsOptional()
  @Length(1, 100)
  @Field({ nullable: true, description: 'New category.' })
  category?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @Field({ nullable: true, description: 'New image URL.' })
  imageUrl?: string;

  @IsOptional()
  @Field(() => ProductStatus, { nullable: true, description: 'New status.' })
  status?: ProductStatus;

  @IsOptional()
  @ArrayMaxSize(MAX_TAGS)
  @Length(1, 255, { each: true })
  @Field(() => [String], { nullable: true, description: 'New tags, replacing the current set (lower-cased, trimmed, each once).' })
  tags?: string[];

  @IsOptional()
  @MaxLength(255)
  @Field(() => String, { nullable: true, description: 'New vendor; null clears it.' })
  vendor?: string | null;

  @IsOptional()
  @MaxLength(255)
  @Field(() => String, { nullable: true, description: 'New product type; null clears it.' })
  productType?: string | null;

  @IsOptional()
  @MaxLength(255)
  @Field(() => String, { nullable: true, description: 'New SEO title; null clears it.' })
  seoTitle?: string | null;

  @IsOptional()
  @MaxLength(5000)
  @Field(() => String, { nullable: true, description: 'New SEO description; null clears it.' })
  seoDescription?: string | null;

  @IsOptional()
  @Field(() => Date, { nullable: true, description: 'New publication time; null: as soon as it is ACTIVE.' })
  publishedAt?: Date | null;

  @IsOptional()
  @Matches(TAX_CLASS_PATTERN, { message: TAX_CLASS_MESSAGE })
  @Field(() => String, { nullable: true, description: 'New tax class (stored lower-cased); null: the standard rate.' })
  taxClass?: string | null;
}

@InputType({ description: 'The product to archive.' })
export class ArchiveProductInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product to archive.' })
  id: string;
}

@InputType({ description: 'Narrows a product list; all given conditions must hold.' })
export class ProductFilter {
  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'Exact category name.' })
  category?: string;

  @IsOptional()
  @MaxLength(200)
  @Field({ nullable: true, description: 'Words to find in the title or description (case-insensitive).' })
  search?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Lowest price in minor units (inclusive), at most 10000000000.' })
  priceMin?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Highest price in minor units (inclusive), at most 10000000000.' })
  priceMax?: number;

  @IsOptional()
  @Field(() => ProductStatus, { nullable: true, description: 'Status; shoppers only ever see ACTIVE, published products.' })
  status?: ProductStatus;

  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 255, { each: true })
  @Field(() => [String], { nullable: true, description: 'Tags the product must all have (case-insensitive).' })
  tags?: string[];

  @IsOptional()
  @MaxLength(255)
  @Field({ nullable: true, description: 'Exact vendor.' })
  vendor?: string;

  @IsOptional()
  @MaxLength(255)
  @Field({ nullable: true, description: 'Exact product type.' })
  productType?: string;

  @IsOptional()
  @MaxLength(255)
  @Field({ nullable: true, description: 'Exact SKU of any of its variants.' })
  sku?: string;
}

export enum ProductSortField {
  CREATED_AT = 'CREATED_AT',
  TITLE = 'TITLE',
  PRICE = 'PRICE',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(ProductSortField, { name: 'ProductSortField', description: 'What to sort products by.' });
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Ascending or descending.' });

@InputType({ description: 'Order of a product list; ties are broken by id.' })
export class ProductSort {
  @Field(() => ProductSortField, { defaultValue: ProductSortField.CREATED_AT, description: 'Sort key.' })
  field: ProductSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'Direction.' })
  direction: SortDirection;
}
