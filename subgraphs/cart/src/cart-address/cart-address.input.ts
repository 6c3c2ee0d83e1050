import { Field, InputType } from 'type-graphql';
import { IsISO31661Alpha2, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import type { CartAddress } from './cart-address.type';

const COUNTRY_MESSAGE = 'countryCode must be an ISO 3166-1 alpha-2 code in upper case, such as "US"';
const PROVINCE = /^[A-Z0-9]{1,3}$/;
const PROVINCE_MESSAGE = 'provinceCode must be an ISO 3166-2 subdivision code without the country prefix, such as "CA" or "BC"';
/** A phone number as shoppers type it: digits, spaces, brackets and dashes, an optional leading +. */
export const PHONE = /^\+?[0-9 ()-]{5,30}$/;

@InputType({ description: 'An address for a cart; its country, province and postal code decide tax and shipping.' })
export class CartAddressInput {
  @IsOptional()
  @MaxLength(100)
  @Field(() => String, { nullable: true, description: 'First name (at most 100 characters).' })
  firstName?: string | null;

  @IsOptional()
  @MaxLength(100)
  @Field(() => String, { nullable: true, description: 'Last name (at most 100 characters).' })
  lastName?: string | null;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'Company name (at most 200 characters).' })
  company?: string | null;

  @Length(1, 200)
  @Field({ description: 'Street address (1–200 characters).' })
  line1: string;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'Apartment, suite, etc. (at most 200 characters).' })
  line2?: string | null;

  @Length(1, 100)
  @Field({ description: 'City (1–100 characters).' })
  city: string;

  @IsOptional()
  @Matches(PROVINCE, { message: PROVINCE_MESSAGE })
  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-2 subdivision code without the country prefix, upper case: "CA" for California, "BC" for British Columbia.',
  })
  provinceCode?: string | null;

  @IsOptional()
  @Length(1, 20)
  @Field(() => String, { nullable: true, description: 'Postal code (1–20 characters).' })
  postalCode?: string | null;

  @Matches(/^[A-Z]{2}$/, { message: COUNTRY_MESSAGE })
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  @Field({ description: 'ISO 3166-1 alpha-2 country code in upper case, e.g. "US".' })
  countryCode: string;

  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  @Field(() => String, { nullable: true, description: 'Phone number at this address.' })
  phone?: string | null;
}

/** The address as stored: every field present, blanks trimmed to null. */
export function cartAddressOf(input: CartAddressInput): CartAddress {
  const text = (value: string | null | undefined) => value?.trim() || null;
  return {
    firstName: text(input.firstName),
    lastName: text(input.lastName),
    company: text(input.company),
    line1: input.line1.trim(),
    line2: text(input.line2),
    city: input.city.trim(),
    provinceCode: text(input.provinceCode),
    postalCode: text(input.postalCode)?.toUpperCase() ?? null,
    countryCode: input.countryCode,
    phone: text(input.phone),
  };
}
