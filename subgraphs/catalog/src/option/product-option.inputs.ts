import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';

/** Counts (at most 3 options, 100 values) are checked by option-rules.ts and answered as userErrors. */
@InputType({ description: 'An option of a product and its values, in display order.' })
export class ProductOptionInput {
  @Length(1, 255)
  @Field({ description: 'Name, unique within the product ("Size"), 1–255 characters.' })
  name: string;

  @Length(1, 255, { each: true })
  @Field(() => [String], { description: 'Values in display order ("S", "M", "L"): 1 to 100, each unique, 1–255 characters.' })
  values: string[];
}

@InputType({ description: 'Renames one value of an option; the variants that had it keep it under its new name.' })
export class OptionValueRenameInput {
  @Length(1, 255)
  @Field({ description: 'The value as it is now.' })
  from: string;

  @Length(1, 255)
  @Field({ description: 'Its new name; must be among the option’s new values.' })
  to: string;
}

@InputType({ description: 'An option as it should be after setProductOptions; matched to the current option by previousName, else by name.' })
export class SetProductOptionInput extends ProductOptionInput {
  @IsOptional()
  @Length(1, 255)
  @Field({ nullable: true, description: 'The option’s current name when it is being renamed.' })
  previousName?: string;

  @IsOptional()
  @ValidateNested()
  @Field(() => [OptionValueRenameInput], { nullable: true, description: 'Values being renamed (the variants that have them keep them).' })
  valueRenames?: OptionValueRenameInput[];
}

@InputType({ description: "Sets a product's options: rename, add and remove options and values." })
export class SetProductOptionsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @ValidateNested()
  @Field(() => [SetProductOptionInput], {
    description:
      'The options, in order (at most 3). A removed value removes the variants that had it; a new option gives every existing variant its first value; an empty list leaves one default variant.',
  })
  options: SetProductOptionInput[];
}
