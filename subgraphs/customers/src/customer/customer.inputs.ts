import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsEmail, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';

export const PHONE = /^\+?[0-9 ()-]{5,30}$/;
export const PHONE_MESSAGE = 'phone must be a phone number';
export const MAX_TAGS = 50;

@InputType({ description: "A new customer of the caller's store." })
export class CreateCustomerInput {
  @IsEmail()
  @MaxLength(320)
  @Field({ description: 'Email address; unique within the store (case-insensitive).' })
  email: string;

  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'First name (up to 100 characters).' })
  firstName?: string;

  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'Last name (up to 100 characters).' })
  lastName?: string;

  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  @Field({ nullable: true, description: 'Phone number, e.g. "+1 555 0100".' })
  phone?: string;

  @IsOptional()
  @ArrayMaxSize(MAX_TAGS)
  @Length(1, 40, { each: true })
  @Field(() => [String], { nullable: true, description: 'Labels (each 1–40 characters, at most 50; duplicates are dropped).' })
  tags?: string[];

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'A note for the store staff, up to 5000 characters.' })
  note?: string;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Whether the customer agreed to receive marketing email (default false).' })
  acceptsMarketing?: boolean;
}

@InputType({ description: 'Changes to a customer; fields left out stay as they are.' })
export class UpdateCustomerInput {
  @IsUUID()
  @Field(() => ID, { description: 'The customer to change.' })
  id: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  @Field({ nullable: true, description: 'New email address; unique within the store.' })
  email?: string;

  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'New first name.' })
  firstName?: string;

  @IsOptional()
  @MaxLength(100)
  @Field({ nullable: true, description: 'New last name.' })
  lastName?: string;

  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  @Field({ nullable: true, description: 'New phone number.' })
  phone?: string;

  @IsOptional()
  @ArrayMaxSize(MAX_TAGS)
  @Length(1, 40, { each: true })
  @Field(() => [String], { nullable: true, description: 'The new set of labels (replaces the old one).' })
  tags?: string[];

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'New note.' })
  note?: string;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'New marketing consent.' })
  acceptsMarketing?: boolean;
}

@InputType({ description: "Whether a customer of the caller's store pays tax, and what an exemption rests on." })
export class SetCustomerTaxExemptionInput {
  @IsUUID()
  @Field(() => ID, { description: 'The customer.' })
  customerId: string;

  @IsBoolean()
  @Field({ description: 'True: the customer pays no tax on their signed-in carts; false: they pay tax again (the reference is cleared).' })
  taxExempt: boolean;

  @IsOptional()
  @MaxLength(100)
  @Field(() => String, {
    nullable: true,
    description:
      'What the exemption rests on, e.g. a resale certificate number (up to 100 characters, trimmed; empty or left out records none). Only with taxExempt true.',
  })
  reference?: string | null;
}

@InputType({ description: 'The customer to delete.' })
export class DeleteCustomerInput {
  @IsUUID()
  @Field(() => ID, { description: 'The customer to delete, with their addresses and segment memberships.' })
  id: string;
}

@InputType({ description: 'Narrows a customer list; all given conditions must hold.' })
export class CustomerFilter {
  @IsOptional()
  @MaxLength(200)
  @Field({ nullable: true, description: 'Text to find in the name or email (case-insensitive).' })
  search?: string;

  @IsOptional()
  @Length(1, 40)
  @Field({ nullable: true, description: 'Customers carrying this tag (case-insensitive).' })
  tag?: string;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Only customers who did (true) or did not (false) accept marketing.' })
  acceptsMarketing?: boolean;
}

export enum CustomerSortField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  LAST_NAME = 'LAST_NAME',
  TOTAL_SPENT = 'TOTAL_SPENT',
  ORDERS_COUNT = 'ORDERS_COUNT',
}

export enum CustomerSortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(CustomerSortField, { name: 'CustomerSortField', description: 'What to sort customers by.' });
registerEnumType(CustomerSortDirection, { name: 'CustomerSortDirection', description: 'Ascending or descending.' });

@InputType({ description: 'Order of a customer list; ties are broken by id.' })
export class CustomerSort {
  @Field(() => CustomerSortField, { defaultValue: CustomerSortField.CREATED_AT, description: 'Sort key.' })
  field: CustomerSortField;

  @Field(() => CustomerSortDirection, { defaultValue: CustomerSortDirection.DESC, description: 'Direction.' })
  direction: CustomerSortDirection;
}

/** Tags trimmed, empty ones dropped, duplicates (case-insensitive) dropped, first spelling kept. */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    kept.push(tag);
  }
  return kept;
}
