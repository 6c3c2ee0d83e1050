import { Field, ID, InputType } from 'type-graphql';
import { IsBoolean, IsISO31661Alpha2, IsOptional, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PHONE, PHONE_MESSAGE } from '../customer/customer.inputs';

const COUNTRY_MESSAGE = 'countryCode must be an ISO 3166-1 alpha-2 code such as "US"';

@InputType({ description: 'The fields of an address.' })
export class CustomerAddressInput {
  @Length(1, 200)
  @Field({ description: 'Recipient name (1–200 characters).' })
  name: string;

  @IsOptional()
  @MaxLength(200)
  @Field({ nullable: true, description: 'Company name.' })
  company?: string;

  @Length(1, 200)
  @Field({ description: 'Street address (1–200 characters).' })
  line1: string;

  @IsOptional()
  @MaxLength(200)
  @Field({ nullable: true, description: 'Apartment, suite, etc.' })
  line2?: string;

  @Length(1, 100)
  @Field({ description: 'City (1–100 characters).' })
  city: string;

  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'State, province or region.' })
  province?: string;

  @Length(1, 20)
  @Field({ description: 'Postal code (1–20 characters).' })
  postalCode: string;

  @Matches(/^[A-Z]{2}$/, { message: COUNTRY_MESSAGE })
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  @Field({ description: 'ISO 3166-1 alpha-2 country code in upper case, e.g. "US".' })
  countryCode: string;

  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  @Field({ nullable: true, description: 'Phone number at this address.' })
  phone?: string;
}

@InputType({ description: 'A new address for a customer.' })
export class CreateCustomerAddressInput {
  @IsUUID()
  @Field(() => ID, { description: 'The customer (of your store, or your own customer profile).' })
  customerId: string;

  @ValidateNested()
  @Field(() => CustomerAddressInput, { description: 'The address.' })
  address: CustomerAddressInput;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: "Make it the default address (a customer's first address always is)." })
  setAsDefault?: boolean;
}

@InputType({ description: 'Replaces the fields of an address.' })
export class UpdateCustomerAddressInput {
  @IsUUID()
  @Field(() => ID, { description: 'The address to change.' })
  id: string;

  @ValidateNested()
  @Field(() => CustomerAddressInput, { description: 'The address as it should be.' })
  address: CustomerAddressInput;
}

@InputType({ description: 'The address to delete.' })
export class DeleteCustomerAddressInput {
  @IsUUID()
  @Field(() => ID, { description: 'The address to delete; when it was the default, the most recently added other address becomes the default.' })
  id: string;
}

@InputType({ description: 'The address to make the default.' })
export class SetDefaultCustomerAddressInput {
  @IsUUID()
  @Field(() => ID, { description: 'The address to make its customer’s default.' })
  id: string;
}
