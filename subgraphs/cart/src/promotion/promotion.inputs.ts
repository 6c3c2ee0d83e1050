import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { PageArgs } from '@ultramarket/kit';
import { PromotionTargetKind, PromotionValueKind } from './promotion-kinds';

/** Largest amount a promotion names, in minor units (GraphQL Int). */
export const MAX_PROMOTION_AMOUNT = 2_000_000_000;
/** Most products, variants or collections one promotion targets (each list). */
export const MAX_PROMOTION_TARGETS = 100;
export const CODE_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;

/** Every field of a promotion; on update each left out (undefined) keeps its value, null clears a nullable one. */
@InputType('PromotionFieldsInput', { description: 'The fields of a promotion.' })
abstract class PromotionFieldsInput {
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'code must be 3–64 letters, digits, "_" or "-"' })
  @Field(() => String, {
    nullable: true,
    description: 'The code shoppers enter (3–64 of A–Z, 0–9, "_", "-"; stored upper case, unique in the store); null: automatic.',
  })
  code?: string | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  @Field(() => Int, { nullable: true, description: 'PERCENTAGE, FREE_SHIPPING (default 10000), BUY_X_GET_Y (default 10000): basis points off, 1–10000.' })
  basisPoints?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PROMOTION_AMOUNT)
  @Field(() => Int, { nullable: true, description: 'FIXED_AMOUNT: minor units off.' })
  amount?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  @Field(() => Int, { nullable: true, description: 'BUY_X_GET_Y: units to buy, 1–1000.' })
  buyQuantity?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  @Field(() => Int, { nullable: true, description: 'BUY_X_GET_Y: units that get the discount, 1–1000.' })
  getQuantity?: number | null;

  @IsOptional()
  @IsEnum(PromotionTargetKind)
  @Field(() => PromotionTargetKind, { nullable: true, description: 'ORDER (default) or LINES.' })
  targetKind?: PromotionTargetKind;

  @IsOptional()
  @ArrayMaxSize(MAX_PROMOTION_TARGETS)
  @IsUUID('all', { each: true })
  @Field(() => [ID], { nullable: true, description: 'LINES: products targeted (at most 100).' })
  productIds?: string[];

  @IsOptional()
  @ArrayMaxSize(MAX_PROMOTION_TARGETS)
  @IsUUID('all', { each: true })
  @Field(() => [ID], { nullable: true, description: 'LINES: variants targeted (at most 100).' })
  variantIds?: string[];

  @IsOptional()
  @ArrayMaxSize(MAX_PROMOTION_TARGETS)
  @IsUUID('all', { each: true })
  @Field(() => [ID], { nullable: true, description: 'LINES: collections targeted (at most 100).' })
  collectionIds?: string[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PROMOTION_AMOUNT)
  @Field(() => Int, { nullable: true, description: 'Subtotal of the target lines needed, minor units.' })
  minimumSubtotal?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  @Field(() => Int, { nullable: true, description: 'Units of the target lines needed.' })
  minimumQuantity?: number | null;

  @IsOptional()
  @IsDate()
  @Field(() => Date, { nullable: true, description: 'From when it applies (UTC).' })
  startsAt?: Date | null;

  @IsOptional()
  @IsDate()
  @Field(() => Date, { nullable: true, description: 'Until when it applies (UTC, exclusive); after startsAt.' })
  endsAt?: Date | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  @Field(() => Int, { nullable: true, description: 'Lower applies first, 0–1000 (default 0).' })
  priority?: number;

  @IsOptional()
  @IsBoolean()
  @Field(() => Boolean, { nullable: true, description: 'Whether it may apply with other promotions (default false).' })
  combinable?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PROMOTION_AMOUNT)
  @Field(() => Int, { nullable: true, description: 'Orders it may be used in, in total; null: no limit.' })
  usageLimit?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PROMOTION_AMOUNT)
  @Field(() => Int, { nullable: true, description: 'Orders one customer may use it in; null: no limit.' })
  usageLimitPerCustomer?: number | null;
}

@InputType({ description: 'A new discount code (with `code`) or automatic promotion (without).' })
export class CreatePromotionInput extends PromotionFieldsInput {
  @Length(1, 255)
  @Field({ description: 'What shoppers see, 1–255 characters.' })
  title: string;

  @IsEnum(PromotionValueKind)
  @Field(() => PromotionValueKind, { description: 'What it takes off.' })
  valueKind: PromotionValueKind;
}

@InputType({ description: 'Changes to a promotion; fields left out keep their values, null clears a nullable one.' })
export class UpdatePromotionInput extends PromotionFieldsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The promotion.' })
  id: string;

  @IsOptional()
  @Length(1, 255)
  @Field(() => String, { nullable: true, description: 'What shoppers see, 1–255 characters.' })
  title?: string;

  @IsOptional()
  @IsEnum(PromotionValueKind)
  @Field(() => PromotionValueKind, { nullable: true, description: 'What it takes off.' })
  valueKind?: PromotionValueKind;

  @IsOptional()
  @IsBoolean()
  @Field(() => Boolean, { nullable: true, description: 'Turn it on or off.' })
  active?: boolean;
}

@InputType({ description: 'The promotion to deactivate (it stays listed, applies no more).' })
export class DeactivatePromotionInput {
  @IsUUID()
  @Field(() => ID, { description: 'The promotion.' })
  id: string;
}

@ArgsType()
export class PromotionsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or inactive (false) ones.' })
  active?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only automatic promotions (true) or discount codes (false).' })
  automatic?: boolean | null;
}
