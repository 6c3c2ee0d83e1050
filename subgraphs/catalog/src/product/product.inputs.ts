import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IsIn, IsInt, IsOptional, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLSafeInt, MAX_MONEY_INPUT_AMOUNT, MoneyInput } from '@ultramarket/kit';
import { ProductStatus } from './product-status';

const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HANDLE_MESSAGE = 'handle must be lower-case letters and digits separated by single dashes';

@InputType({ description: "A new product for the caller's store." })
export class CreateProductInput {
  @Length(1, 255)
  @Field({ description: 'Name shown to shoppers (1–255 characters).' })
  title: string;

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'Long description, up to 5000 characters.' })
  description?: string;

  @IsOptional()
  @Length(1, 255)
  @Matches(HANDLE, { message: HANDLE_MESSAGE })
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
  @Matches(HANDLE, { message: HANDLE_MESSAGE })
  @Field({ nullable: true, description: 'New URL handle.' })
  handle?: string;

  @IsOptional()
  @ValidateNested()
  @Field(() => MoneyInput, { nullable: true, description: 'New price.' })
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
  @Field(() => ProductStatus, { nullable: true, description: 'Status; shoppers only ever see ACTIVE products.' })
  status?: ProductStatus;
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
