import { Field, InputType, ObjectType } from 'type-graphql';
import { IsOptional, Length, Matches, MaxLength } from 'class-validator';

@ObjectType({ description: 'Where an order is shipped.' })
export class ShippingAddress {
  @Field({ description: 'Recipient name.' })
  name: string;

  @Field({ description: 'Street address.' })
  line1: string;

  @Field(() => String, { nullable: true, description: 'Apartment, suite, etc.' })
  line2: string | null;

  @Field({ description: 'City.' })
  city: string;

  @Field(() => String, { nullable: true, description: 'State, province or region.' })
  province: string | null;

  @Field({ description: 'Postal code.' })
  postalCode: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "US".' })
  countryCode: string;

  @Field(() => String, { nullable: true, description: 'Phone number for the carrier.' })
  phone: string | null;
}

@InputType({ description: 'Where to ship an order.' })
export class ShippingAddressInput {
  @Length(1, 200)
  @Field({ description: 'Recipient name.' })
  name: string;

  @Length(1, 200)
  @Field({ description: 'Street address.' })
  line1: string;

  @IsOptional()
  @MaxLength(200)
  @Field({ nullable: true, description: 'Apartment, suite, etc.' })
  line2?: string;

  @Length(1, 100)
  @Field({ description: 'City.' })
  city: string;

  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'State, province or region.' })
  province?: string;

  @Length(1, 20)
  @Field({ description: 'Postal code.' })
  postalCode: string;

  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as "US"' })
  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "US".' })
  countryCode: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be a phone number' })
  @Field({ nullable: true, description: 'Phone number for the carrier.' })
  phone?: string;
}

export function toShippingAddress(input: ShippingAddressInput): ShippingAddress {
  return Object.assign(new ShippingAddress(), {
    name: input.name,
    line1: input.line1,
    line2: input.line2 ?? null,
    city: input.city,
    province: input.province ?? null,
    postalCode: input.postalCode,
    countryCode: input.countryCode,
    phone: input.phone ?? null,
  });
}
