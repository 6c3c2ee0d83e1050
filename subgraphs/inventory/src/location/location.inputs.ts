import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsBoolean, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { UserError } from '@ultramarket/kit';
import { Location } from './location.entity';

@InputType('LocationAddressInput', { description: 'A location’s address; every part optional.' })
class LocationAddressInput {
  @IsOptional()
  @Length(1, 255)
  @Field(() => String, { nullable: true, description: 'Street and number.' })
  addressLine1?: string | null;

  @IsOptional()
  @Length(1, 255)
  @Field(() => String, { nullable: true, description: 'Flat, floor, building.' })
  addressLine2?: string | null;

  @IsOptional()
  @Length(1, 255)
  @Field(() => String, { nullable: true, description: 'City.' })
  city?: string | null;

  @IsOptional()
  @Length(1, 255)
  @Field(() => String, { nullable: true, description: 'State, province or region.' })
  province?: string | null;

  @IsOptional()
  @Length(1, 32)
  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode?: string | null;

  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  countryCode?: string | null;
}

@InputType({ description: 'A new place where the store keeps stock.' })
export class CreateLocationInput extends LocationAddressInput {
  @Length(1, 255)
  @Field({ description: 'What the staff call it.' })
  name: string;

  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'code must be 1–64 lower-case letters, digits and dashes' })
  @Field({ description: 'A short code, unique in the store: lower-case letters, digits and dashes.' })
  code: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  @Field(() => Int, { nullable: true, description: 'Reservations take stock from the lowest priority first; default 10.' })
  priority?: number | null;
}

@InputType({ description: 'Changes to a location; absent fields stay as they are.' })
export class UpdateLocationInput extends LocationAddressInput {
  @IsUUID()
  @Field(() => ID, { description: 'The location to change.' })
  id: string;

  @IsOptional()
  @Length(1, 255)
  @Field(() => String, { nullable: true, description: 'A new name.' })
  name?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  @Field(() => Int, { nullable: true, description: 'A new priority.' })
  priority?: number | null;

  @IsOptional()
  @IsBoolean()
  @Field(() => Boolean, { nullable: true, description: 'false deactivates it (refused while units there are reserved); true activates it again.' })
  active?: boolean | null;
}

/** The payload of createLocation and updateLocation. */
function locationPayload(name: string, description: string) {
  @ObjectType(name, { description })
  class LocationPayload {
    @Field(() => Location, { nullable: true, description: 'The location after the change.' })
    location: Location | null;

    @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
    userErrors: UserError[];

    static of(outcome: Location | UserError): LocationPayload {
      return outcome instanceof UserError
        ? Object.assign(new LocationPayload(), { location: null, userErrors: [outcome] })
        : Object.assign(new LocationPayload(), { location: outcome, userErrors: [] });
    }
  }
  return LocationPayload;
}

export const CreateLocationPayload = locationPayload('CreateLocationPayload', 'Result of createLocation.');
export type CreateLocationPayload = InstanceType<typeof CreateLocationPayload>;
export const UpdateLocationPayload = locationPayload('UpdateLocationPayload', 'Result of updateLocation.');
export type UpdateLocationPayload = InstanceType<typeof UpdateLocationPayload>;
