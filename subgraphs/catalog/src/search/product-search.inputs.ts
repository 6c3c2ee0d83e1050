import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLSafeInt, MAX_MONEY_INPUT_AMOUNT, PageArgs } from '@ultramarket/kit';
import { ProductStatus } from '../product/product-status';

/** Any UUID, as the kit's `isUuid` takes them (class-validator's IsUUID wants a version nibble, which ids copied from other systems may lack). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How many values one filter list may name. */
export const MAX_FILTER_VALUES = 50;

export enum ProductSearchSort {
  RELEVANCE = 'RELEVANCE',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  NEWEST = 'NEWEST',
}

registerEnumType(ProductSearchSort, {
  name: 'ProductSearchSort',
  description: 'Order of search hits; ties are broken by product id.',
  valuesConfig: {
    RELEVANCE: { description: 'Best match first (newest first when there is no query).' },
    PRICE_ASC: { description: 'Lowest variant price first.' },
    PRICE_DESC: { description: 'Highest lowest-variant price first.' },
    NEWEST: { description: 'Most recently created first.' },
  },
});

@InputType({ description: 'One option value to filter by, e.g. `{ name: "Size", value: "M" }`.' })
export class ProductSearchOptionFilter {
  @Length(1, 255)
  @Field({ description: 'Option name, e.g. "Size".' })
  name: string;

  @Length(1, 255)
  @Field({ description: 'Option value, e.g. "M".' })
  value: string;
}

@InputType({
  description:
    'Narrows a search. Values within one list are alternatives (any of them); different lists must all hold. Option values of the same option name are alternatives, of different names must all hold.',
})
export class ProductSearchFilter {
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @Matches(UUID, { each: true, message: 'each value in categoryIds must be a UUID' })
  @Field(() => [ID], { nullable: true, description: 'Products in any of these categories or their descendants.' })
  categoryIds?: string[];

  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @Matches(UUID, { each: true, message: 'each value in collectionIds must be a UUID' })
  @Field(() => [ID], { nullable: true, description: 'Products in any of these collections.' })
  collectionIds?: string[];

  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @MaxLength(255, { each: true })
  @Field(() => [String], { nullable: true, description: 'Products of any of these vendors (exact).' })
  vendors?: string[];

  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @MaxLength(255, { each: true })
  @Field(() => [String], { nullable: true, description: 'Products of any of these product types (exact).' })
  productTypes?: string[];

  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @MaxLength(255, { each: true })
  @Field(() => [String], { nullable: true, description: 'Products with any of these tags (case-insensitive).' })
  tags?: string[];

  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @ValidateNested({ each: true })
  @Field(() => [ProductSearchOptionFilter], { nullable: true, description: 'Products with a variant having these option values.' })
  options?: ProductSearchOptionFilter[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Products with a variant priced at least this (minor units).' })
  priceMin?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Products with a variant priced at most this (minor units).' })
  priceMax?: number;

  @IsOptional()
  @Field({ nullable: true, description: 'true: only products that can be bought now; false: only sold-out ones.' })
  inStock?: boolean;

  @IsOptional()
  @Field(() => ProductStatus, { nullable: true, description: 'Staff only: this status only (shoppers always get ACTIVE, published products).' })
  status?: ProductStatus;
}

@ArgsType()
export class ProductSearchArgs extends PageArgs {
  @IsOptional()
  @MaxLength(200)
  @Field(() => String, {
    nullable: true,
    description:
      'Words to find (web-search syntax: "quoted phrase", -excluded, or). Matched in the store\'s language, accents ignored; when nothing matches, the nearest spellings are used. Empty: every product.',
  })
  query?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => ProductSearchFilter, { nullable: true, description: 'Conditions the hits must meet.' })
  filter?: ProductSearchFilter | null;

  @Field(() => ProductSearchSort, { defaultValue: ProductSearchSort.RELEVANCE, description: 'Order of the hits.' })
  sort: ProductSearchSort;
}

@ArgsType()
export class SearchSuggestionsArgs {
  @Length(1, 100)
  @Field({ description: 'What the shopper has typed so far (1–100 characters); misspellings are tolerated.' })
  prefix: string;

  @IsInt()
  @Min(1)
  @Max(20)
  @Field(() => Int, { defaultValue: 8, description: 'How many suggestions, 1–20 (default 8).' })
  first: number;
}
