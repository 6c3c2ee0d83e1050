import { Field, ID, InputType } from 'type-graphql';
import { IsEmail, IsEnum, IsISO4217CurrencyCode, IsOptional, IsTimeZone, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { StoreStatus } from '@ultramarket/kit';
import { StoreSettingsInput } from './store-settings';
import { StoreThemeInput } from './store-theme';

const HOSTNAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}$/i;
const HOSTNAME_MESSAGE = 'customDomain must be a host name such as shop.example.com';
const E164 = /^\+[1-9]\d{6,14}$/;
const E164_MESSAGE = 'phone must be in international format, e.g. +14155550100';
/** BCP 47 as storefronts use it: language, optional script, optional region (en, en-US, zh-Hant-TW, es-419). */
const LOCALE = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;
const LOCALE_MESSAGE = 'locale must be a BCP 47 language tag such as en-US';
const CURRENCY = /^[A-Z]{3}$/;
const CURRENCY_MESSAGE = 'currency must be an ISO 4217 code in upper case, e.g. USD';
const TIMEZONE_MESSAGE = 'timezone must be an IANA time zone such as Europe/Berlin';

@InputType({ description: 'A new store; the caller becomes its owner and first MERCHANT.' })
export class CreateStoreInput {
  @Length(1, 100)
  @Field({ description: 'Store name (1–100 characters); its slug and platform domain are made from it.' })
  name: string;

  @IsEmail()
  @MaxLength(254)
  @Field({ description: 'Contact email of the store.' })
  email: string;

  @IsOptional()
  @Matches(E164, { message: E164_MESSAGE })
  @Field({ nullable: true, description: 'Contact phone number in E.164 format.' })
  phone?: string;

  @IsOptional()
  @Matches(HOSTNAME, { message: HOSTNAME_MESSAGE })
  @Field({ nullable: true, description: "The merchant's own host name, e.g. shop.example.com: PENDING until proven with verifyStoreDomain." })
  customDomain?: string;

  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  @IsISO4217CurrencyCode({ message: CURRENCY_MESSAGE })
  @Field({ description: 'ISO 4217 currency code, e.g. USD.' })
  currency: string;

  @Matches(LOCALE, { message: LOCALE_MESSAGE })
  @Field({ description: 'BCP 47 language tag, e.g. en-US.' })
  locale: string;

  @IsTimeZone({ message: TIMEZONE_MESSAGE })
  @Field({ description: 'IANA time zone, e.g. America/New_York.' })
  timezone: string;

  @IsOptional()
  @ValidateNested()
  @Field(() => StoreSettingsInput, { nullable: true, description: 'Settings; defaults for anything left out.' })
  settings?: StoreSettingsInput;

  @IsOptional()
  @ValidateNested()
  @Field(() => StoreThemeInput, { nullable: true, description: 'Theme; defaults for anything left out.' })
  theme?: StoreThemeInput;
}

@InputType({ description: 'Changes to a store; fields left out stay as they are.' })
export class UpdateStoreInput {
  @IsUUID()
  @Field(() => ID, { description: 'The store to change.' })
  storeId: string;

  @IsOptional()
  @Length(1, 100)
  @Field({ nullable: true, description: 'New name (the slug and domain stay).' })
  name?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  @Field({ nullable: true, description: 'New contact email.' })
  email?: string;

  @IsOptional()
  @Matches(E164, { message: E164_MESSAGE })
  @Field(() => String, { nullable: true, description: 'New phone number; null removes it.' })
  phone?: string | null;

  @IsOptional()
  @Matches(HOSTNAME, { message: HOSTNAME_MESSAGE })
  @Field(() => String, { nullable: true, description: 'New custom host name (PENDING until proven with verifyStoreDomain); null removes it.' })
  customDomain?: string | null;

  @IsOptional()
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  @IsISO4217CurrencyCode({ message: CURRENCY_MESSAGE })
  @Field({ nullable: true, description: 'New ISO 4217 currency code.' })
  currency?: string;

  @IsOptional()
  @Matches(LOCALE, { message: LOCALE_MESSAGE })
  @Field({ nullable: true, description: 'New BCP 47 language tag.' })
  locale?: string;

  @IsOptional()
  @IsTimeZone({ message: TIMEZONE_MESSAGE })
  @Field({ nullable: true, description: 'New IANA time zone.' })
  timezone?: string;

  @IsOptional()
  @ValidateNested()
  @Field(() => StoreSettingsInput, { nullable: true, description: 'Settings to change.' })
  settings?: StoreSettingsInput;
}

@InputType({ description: "Changes to a store's theme; parts left out stay as they are." })
export class UpdateStoreThemeInput extends StoreThemeInput {
  @IsUUID()
  @Field(() => ID, { description: 'The store.' })
  storeId: string;
}

@InputType({ description: 'A new status for a store.' })
export class SetStoreStatusInput {
  @IsUUID()
  @Field(() => ID, { description: 'The store.' })
  storeId: string;

  @IsEnum(StoreStatus)
  @Field(() => StoreStatus, { description: 'The status to move to.' })
  status: StoreStatus;

  @IsOptional()
  @MaxLength(500)
  @Field({ nullable: true, description: 'Why, for the record and the status-changed event (up to 500 characters).' })
  reason?: string;
}

@InputType({ description: 'Narrows the store list; all given conditions must hold.' })
export class StoresFilter {
  @IsOptional()
  @IsEnum(StoreStatus)
  @Field(() => StoreStatus, { nullable: true, description: 'Only stores with this status.' })
  status?: StoreStatus;

  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'Words to find in the name, slug or domains (case-insensitive).' })
  search?: string;
}
