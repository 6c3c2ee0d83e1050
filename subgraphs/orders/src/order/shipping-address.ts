import { Field, ObjectType } from 'type-graphql';

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

  @Field(() => String, { nullable: true, description: 'Postal code; null where the country has none.' })
  postalCode: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "US".' })
  countryCode: string;

  @Field(() => String, { nullable: true, description: 'Phone number for the carrier.' })
  phone: string | null;
}
