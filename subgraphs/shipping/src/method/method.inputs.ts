import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLSafeInt, MAX_MONEY_INPUT_AMOUNT } from '@ultramarket/kit';
import { ShippingRateKind } from './shipping-rate.types';

/** At most this many brackets or bands in one rate. */
export const MAX_RATE_STEPS = 50;
/** The heaviest bracket bound accepted: 1 000 tonnes in grams. */
export const MAX_WEIGHT_GRAMS = 1_000_000_000;

@InputType({ description: 'A weight bracket: from minWeightGrams (inclusive) up to maxWeightGrams (exclusive; omit for no upper end).' })
export class ShippingWeightBracketInput {
  @IsInt()
  @Min(0)
  @Max(MAX_WEIGHT_GRAMS)
  @Field(() => Int, { description: 'Lowest cart weight in grams (inclusive).' })
  minWeightGrams: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_WEIGHT_GRAMS)
  @Field(() => Int, { nullable: true, description: 'Cart weights below it (exclusive); omit for no upper end.' })
  maxWeightGrams?: number | null;

  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { description: 'What shipping costs in the bracket, in minor units.' })
  amount: number;
}

@InputType({ description: 'A price band on the cart subtotal: from minSubtotal (inclusive) up to maxSubtotal (exclusive; omit for no upper end).' })
export class ShippingPriceBandInput {
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { description: 'Lowest subtotal in minor units (inclusive).' })
  minSubtotal: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Subtotals below it (exclusive); omit for no upper end.' })
  maxSubtotal?: number | null;

  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { description: 'What shipping costs in the band, in minor units.' })
  amount: number;
}

@InputType({ description: 'A rate rule: FLAT with amount, BY_WEIGHT with weightBrackets, or BY_PRICE with priceBands (and nothing else).' })
export class ShippingRateInput {
  @IsEnum(ShippingRateKind)
  @Field(() => ShippingRateKind, { description: 'How the method prices.' })
  kind: ShippingRateKind;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'FLAT: the amount in minor units.' })
  amount?: number | null;

  @IsOptional()
  @ArrayMaxSize(MAX_RATE_STEPS)
  @ValidateNested({ each: true })
  @Field(() => [ShippingWeightBracketInput], { nullable: true, description: `BY_WEIGHT: 1–${MAX_RATE_STEPS} brackets that do not overlap.` })
  weightBrackets?: ShippingWeightBracketInput[] | null;

  @IsOptional()
  @ArrayMaxSize(MAX_RATE_STEPS)
  @ValidateNested({ each: true })
  @Field(() => [ShippingPriceBandInput], { nullable: true, description: `BY_PRICE: 1–${MAX_RATE_STEPS} bands that do not overlap.` })
  priceBands?: ShippingPriceBandInput[] | null;
}

@InputType({ description: "A method's carrier: the built-in manual carrier with a name and an optional tracking page." })
export class ShippingCarrierInput {
  @Length(1, 100)
  @Field({ description: 'The name shoppers see (1–100 characters).' })
  name: string;

  @IsOptional()
  @MaxLength(500)
  @Field(() => String, { nullable: true, description: 'An https tracking page with {trackingNumber} where the number goes.' })
  trackingUrlTemplate?: string | null;
}

@InputType({ description: "A new shipping method in a zone of the caller's store." })
export class CreateShippingMethodInput {
  @IsUUID()
  @Field(() => ID, { description: 'The zone it ships to.' })
  zoneId: string;

  @Length(1, 100)
  @Field({ description: 'Name shoppers see, unique within the zone (1–100 characters).' })
  name: string;

  @Matches(/^[A-Z]{3}$/, { message: 'currencyCode must be an ISO 4217 code in upper case' })
  @Field({ description: 'ISO 4217 currency of its amounts (the store currency).' })
  currencyCode: string;

  @ValidateNested()
  @Field(() => ShippingRateInput, { description: 'How it prices.' })
  rate: ShippingRateInput;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'A subtotal at or above it (minor units) ships for nothing; omit for never.' })
  freeOverSubtotal?: number | null;

  @IsOptional()
  @Length(1, 64)
  @Field(() => String, { nullable: true, description: "Tax class of shipping by it; omit for the store's standard rate." })
  taxClass?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => ShippingCarrierInput, { nullable: true, description: 'Its carrier; omitted, the manual carrier named after the method, without tracking page.' })
  carrier?: ShippingCarrierInput | null;
}

@InputType({ description: 'Changes to a shipping method; fields left out stay as they are, an explicit null clears freeOverSubtotal or taxClass.' })
export class UpdateShippingMethodInput {
  @IsUUID()
  @Field(() => ID, { description: 'The method to change.' })
  id: string;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Move it to another zone of the store.' })
  zoneId?: string | null;

  @IsOptional()
  @Length(1, 100)
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => ShippingRateInput, { nullable: true, description: 'New rate rule (replaces the old one).' })
  rate?: ShippingRateInput | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'New free-over subtotal; null for never.' })
  freeOverSubtotal?: number | null;

  @IsOptional()
  @Length(1, 64)
  @Field(() => String, { nullable: true, description: 'New tax class; null for the standard rate.' })
  taxClass?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => ShippingCarrierInput, { nullable: true, description: 'New carrier.' })
  carrier?: ShippingCarrierInput | null;
}

@InputType({ description: 'The shipping method to delete.' })
export class DeleteShippingMethodInput {
  @IsUUID()
  @Field(() => ID, { description: 'The method to delete.' })
  id: string;
}
