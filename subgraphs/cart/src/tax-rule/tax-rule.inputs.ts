import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsISO31661Alpha2, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { PageArgs } from '@ultramarket/kit';

const COUNTRY_MESSAGE = 'countryCode must be an ISO 3166-1 alpha-2 code in upper case, such as "US"';
const PROVINCE = /^[A-Z0-9]{1,3}$/;
const POSTAL_PREFIX = /^[A-Z0-9 -]{1,20}$/;
const TAX_CLASS = /^[a-z0-9_-]{1,64}$/;
/** 1000 % in basis points: the engine's ceiling. */
export const MAX_TAX_RATE_BASIS_POINTS = 100_000;

@InputType({ description: 'A new tax rule.' })
export class CreateTaxRuleInput {
  @Length(1, 255)
  @Field({ description: 'What the tax line shows, 1–255 characters.' })
  title: string;

  @Matches(/^[A-Z]{2}$/, { message: COUNTRY_MESSAGE })
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  @Field({ description: 'ISO 3166-1 alpha-2 country code, upper case.' })
  countryCode: string;

  @IsOptional()
  @Matches(PROVINCE, { message: 'provinceCode must be an ISO 3166-2 subdivision code without the country prefix, such as "BC"' })
  @Field(() => String, { nullable: true, description: 'ISO 3166-2 subdivision without the country prefix; null for the whole country.' })
  provinceCode?: string | null;

  @IsOptional()
  @Matches(POSTAL_PREFIX, { message: 'postalCodePrefix must be 1–20 upper-case letters, digits, spaces or "-"' })
  @Field(() => String, { nullable: true, description: 'Postal code prefix (upper case); null for the whole province or country.' })
  postalCodePrefix?: string | null;

  @IsOptional()
  @Matches(TAX_CLASS, { message: 'taxClass must be 1–64 lower-case letters, digits, "_" or "-"' })
  @Field(() => String, { nullable: true, description: 'The products\' tax class (e.g. "books"); null for the standard class.' })
  taxClass?: string | null;

  @IsInt()
  @Min(0)
  @Max(MAX_TAX_RATE_BASIS_POINTS)
  @Field(() => Int, { description: 'Rate in basis points, 0–100000 (2000 is 20 %).' })
  rateBasisPoints: number;
}

@InputType({ description: 'A tax rule as it should be (every field given).' })
export class UpdateTaxRuleInput extends CreateTaxRuleInput {
  @IsUUID()
  @Field(() => ID, { description: 'The tax rule.' })
  id: string;
}

@InputType({ description: 'The tax rule to delete.' })
export class DeleteTaxRuleInput {
  @IsUUID()
  @Field(() => ID, { description: 'The tax rule.' })
  id: string;
}

@ArgsType()
export class TaxRulesArgs extends PageArgs {
  @IsOptional()
  @Field(() => String, { nullable: true, description: 'Only rules of this country.' })
  countryCode?: string | null;
}
