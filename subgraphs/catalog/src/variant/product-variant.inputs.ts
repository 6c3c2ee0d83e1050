import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { MoneyInput } from '@ultramarket/kit';

/** A variant may weigh up to 100 tonnes: far above any parcel, far inside an `integer` column. */
export const MAX_WEIGHT_GRAMS = 100_000_000;

@InputType({ description: 'The value a variant has for one option.' })
export class SelectedOptionInput {
  @Length(1, 255)
  @Field({ description: 'Option name ("Size").' })
  name: string;

  @Length(1, 255)
  @Field({ description: 'One of the option’s values ("M").' })
  value: string;
}

/** What a variant carries besides its options; shared by the default variant fields of createProduct. */
@InputType({ description: 'What a variant carries besides its options and price.' })
export class VariantFieldsInput {
  @IsOptional()
  @Length(1, 255)
  @Field(() => String, { nullable: true, description: 'Stock keeping unit, unique within the store.' })
  sku?: string | null;

  @IsOptional()
  @Length(1, 255)
  @Field(() => String, { nullable: true, description: 'Barcode (GTIN, EAN, UPC, ISBN).' })
  barcode?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => MoneyInput, { nullable: true, description: 'Price before a reduction, in the price’s currency.' })
  compareAtPrice?: MoneyInput | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WEIGHT_GRAMS)
  @Field(() => Int, { nullable: true, description: 'Shipping weight in grams, at most 100000000.' })
  weightGrams?: number | null;

  @IsOptional()
  @Field(() => Boolean, { nullable: true, description: 'Whether inventory counts its stock (default true).' })
  trackInventory?: boolean | null;
}

@InputType({ description: 'A new variant: one combination of the product’s option values.' })
export class ProductVariantInput extends VariantFieldsInput {
  @ValidateNested()
  @ArrayMaxSize(3)
  @Field(() => [SelectedOptionInput], { description: 'One value for every option of the product, each option named once.' })
  options: SelectedOptionInput[];

  @IsOptional()
  @ValidateNested()
  @Field(() => MoneyInput, { nullable: true, description: 'Selling price; the product’s price when left out on createProduct, required otherwise.' })
  price?: MoneyInput | null;
}

@InputType({ description: 'Changes to one variant; fields left out stay as they are, null clears an optional one.' })
export class ProductVariantUpdateInput extends VariantFieldsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The variant to change.' })
  id: string;

  @IsOptional()
  @ValidateNested()
  @ArrayMaxSize(3)
  @Field(() => [SelectedOptionInput], { nullable: true, description: 'A new combination of option values.' })
  options?: SelectedOptionInput[] | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => MoneyInput, { nullable: true, description: 'New selling price.' })
  price?: MoneyInput | null;
}

@InputType({ description: 'New variants of a product.' })
export class CreateProductVariantsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @ValidateNested()
  @Field(() => [ProductVariantInput], { description: 'The variants to add (each needs a price); the product holds at most 250.' })
  variants: ProductVariantInput[];
}

@InputType({ description: 'Changes to variants of a product.' })
export class UpdateProductVariantsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @ValidateNested()
  @Field(() => [ProductVariantUpdateInput], { description: 'The variants to change.' })
  variants: ProductVariantUpdateInput[];
}

@InputType({ description: 'Variants to remove from a product.' })
export class DeleteProductVariantsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @IsUUID('all', { each: true })
  @Field(() => [ID], { description: 'The variants to remove; the product keeps at least one.' })
  variantIds: string[];
}

@InputType({ description: 'The image a variant shows.' })
export class SetVariantMediaInput {
  @IsUUID()
  @Field(() => ID, { description: 'The variant.' })
  variantId: string;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'A shown image of the variant’s own product; null shows none.' })
  mediaId?: string | null;
}
