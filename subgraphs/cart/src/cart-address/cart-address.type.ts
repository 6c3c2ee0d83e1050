import { Field, ObjectType } from 'type-graphql';

/** An address on a cart (shipping or billing), kept as given; its country, province and postal code are the tax and shipping region. */
@ObjectType({ description: 'An address on a cart: where it ships, or who is billed.' })
export class CartAddress {
  @Field(() => String, { nullable: true, description: 'First name.' })
  firstName: string | null;

  @Field(() => String, { nullable: true, description: 'Last name.' })
  lastName: string | null;

  @Field(() => String, { nullable: true, description: 'Company name.' })
  company: string | null;

  @Field({ description: 'Street address.' })
  line1: string;

  @Field(() => String, { nullable: true, description: 'Apartment, suite, etc.' })
  line2: string | null;

  @Field({ description: 'City.' })
  city: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2 subdivision code without the country prefix, e.g. "CA" for California.' })
  provinceCode: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code in upper case, e.g. "US".' })
  countryCode: string;

  @Field(() => String, { nullable: true, description: 'Phone number at this address.' })
  phone: string | null;
}
