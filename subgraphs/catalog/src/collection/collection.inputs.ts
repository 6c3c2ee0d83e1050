import { Field, ID, InputType, Int } from 'type-graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CollectionKind, CollectionSortOrder } from './collection.entity';
import { CollectionRuleInput, CollectionRuleMatch } from './collection-rule';
import { HANDLE_MESSAGE, HANDLE_PATTERN } from '../product/product-handle';

/** How many products one add, remove or reorder names at most. */
export const MAX_PRODUCTS_PER_CHANGE = 250;

@InputType({ description: "A new collection in the caller's store." })
export class CreateCollectionInput {
  @Length(1, 255)
  @Field({ description: 'Title shown to shoppers (1–255 characters).' })
  title: string;

  @IsOptional()
  @Length(1, 255)
  @Matches(HANDLE_PATTERN, { message: HANDLE_MESSAGE })
  @Field({ nullable: true, description: 'URL handle, unique in the store; generated from the title when left out.' })
  handle?: string;

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'Description, up to 5000 characters.' })
  description?: string;

  @IsEnum(CollectionKind)
  @Field(() => CollectionKind, { description: 'MANUAL (an ordered list) or AUTOMATED (rules); cannot change later.' })
  kind: CollectionKind;

  @IsOptional()
  @ValidateNested({ each: true })
  @Field(() => [CollectionRuleInput], {
    nullable: true,
    description: 'The rules of an AUTOMATED collection (at least one, at most 30); none for a MANUAL one.',
  })
  rules?: CollectionRuleInput[];

  @IsOptional()
  @IsEnum(CollectionRuleMatch)
  @Field(() => CollectionRuleMatch, { nullable: true, description: 'ALL (default) or ANY of the rules.' })
  match?: CollectionRuleMatch;

  @IsOptional()
  @IsEnum(CollectionSortOrder)
  @Field(() => CollectionSortOrder, {
    nullable: true,
    description: 'Order of its products: MANUAL by default for a manual collection, CREATED_DESC for an automated one.',
  })
  sortOrder?: CollectionSortOrder;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Whether shoppers see it (default false).' })
  published?: boolean;
}

@InputType({ description: 'Changes to a collection; fields left out stay as they are. New rules recompute its members.' })
export class UpdateCollectionInput {
  @IsUUID()
  @Field(() => ID, { description: 'The collection to change.' })
  id: string;

  @IsOptional()
  @Length(1, 255)
  @Field({ nullable: true, description: 'New title.' })
  title?: string;

  @IsOptional()
  @Length(1, 255)
  @Matches(HANDLE_PATTERN, { message: HANDLE_MESSAGE })
  @Field({ nullable: true, description: 'New URL handle.' })
  handle?: string;

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'New description.' })
  description?: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Field(() => [CollectionRuleInput], { nullable: true, description: 'New rules (automated collections only; at least one).' })
  rules?: CollectionRuleInput[];

  @IsOptional()
  @IsEnum(CollectionRuleMatch)
  @Field(() => CollectionRuleMatch, { nullable: true, description: 'New match (automated collections only).' })
  match?: CollectionRuleMatch;

  @IsOptional()
  @IsEnum(CollectionSortOrder)
  @Field(() => CollectionSortOrder, { nullable: true, description: 'New order of its products (MANUAL only for manual collections).' })
  sortOrder?: CollectionSortOrder;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Publish or unpublish it.' })
  published?: boolean;
}

@InputType({ description: 'The collection to delete.' })
export class DeleteCollectionInput {
  @IsUUID()
  @Field(() => ID, { description: 'The collection to delete.' })
  id: string;
}

@InputType({ description: 'Products to add to or remove from a manual collection.' })
export class CollectionProductsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The manual collection.' })
  collectionId: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PRODUCTS_PER_CHANGE)
  @IsUUID('all', { each: true })
  @Field(() => [ID], { description: `The products (1–${MAX_PRODUCTS_PER_CHANGE}); added ones go to the end, in this order.` })
  productIds: string[];
}

@InputType({ description: 'Where one product of a manual collection goes.' })
export class CollectionProductMoveInput {
  @IsUUID()
  @Field(() => ID, { description: 'A product of the collection.' })
  productId: string;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  @Field(() => Int, { description: 'Its new place from 0 (past the end means last).' })
  position: number;
}

@InputType({ description: 'New places for products of a manual collection, applied in order.' })
export class ReorderCollectionProductsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The manual collection.' })
  collectionId: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PRODUCTS_PER_CHANGE)
  @ValidateNested({ each: true })
  @Field(() => [CollectionProductMoveInput], { description: `The moves (1–${MAX_PRODUCTS_PER_CHANGE}), each applied to the order the one before left.` })
  moves: CollectionProductMoveInput[];
}
