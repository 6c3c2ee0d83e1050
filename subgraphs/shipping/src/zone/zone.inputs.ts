import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Matches, ValidateNested } from 'class-validator';

/** At most this many regions in one zone (a zone is matched region by region for every cart that asks for rates). */
export const MAX_REGIONS_PER_ZONE = 250;

@InputType({ description: 'A region of a zone: a country, optionally one province of it or the postal codes beginning with a prefix.' })
export class ShippingZoneRegionInput {
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code in upper case' })
  @Field({ description: 'ISO 3166-1 alpha-2 country code, upper case (e.g. "CA").' })
  countryCode: string;

  @IsOptional()
  @Matches(/^[A-Z0-9]{1,3}$/, { message: 'provinceCode must be an ISO 3166-2 subdivision code without the country prefix (1–3 upper-case letters or digits)' })
  @Field(() => String, { nullable: true, description: 'ISO 3166-2 subdivision without the country prefix (e.g. "BC"); omit for the whole country.' })
  provinceCode?: string | null;

  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{1,10}$/, { message: 'postalCodePrefix must be 1–10 letters, digits, spaces or hyphens' })
  @Field(() => String, { nullable: true, description: 'Postal codes beginning with it (spaces and case ignored); omit for every postal code.' })
  postalCodePrefix?: string | null;
}

@InputType({ description: "A new shipping zone of the caller's store." })
export class CreateShippingZoneInput {
  @Length(1, 100)
  @Field({ description: 'Name, unique within the store (1–100 characters).' })
  name: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REGIONS_PER_ZONE)
  @ValidateNested({ each: true })
  @Field(() => [ShippingZoneRegionInput], { description: `The regions it covers (1–${MAX_REGIONS_PER_ZONE}).` })
  regions: ShippingZoneRegionInput[];
}

@InputType({ description: 'Changes to a shipping zone; fields left out stay as they are. Its methods are republished with the new zone.' })
export class UpdateShippingZoneInput {
  @IsUUID()
  @Field(() => ID, { description: 'The zone to change.' })
  id: string;

  @IsOptional()
  @Length(1, 100)
  @Field({ nullable: true, description: 'New name.' })
  name?: string;

  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REGIONS_PER_ZONE)
  @ValidateNested({ each: true })
  @Field(() => [ShippingZoneRegionInput], { nullable: true, description: 'New regions (replace the old ones).' })
  regions?: ShippingZoneRegionInput[];
}

@InputType({ description: 'The shipping zone to delete.' })
export class DeleteShippingZoneInput {
  @IsUUID()
  @Field(() => ID, { description: 'The zone to delete; it must have no methods left.' })
  id: string;
}
