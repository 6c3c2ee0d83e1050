import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { HANDLE_MESSAGE, HANDLE_PATTERN } from '../product/product-handle';

/** How many categories one product may be assigned to at once. */
export const MAX_CATEGORIES_PER_PRODUCT = 50;

@InputType({ description: "A new category in the caller's store." })
export class CreateCategoryInput {
  @Length(1, 255)
  @Field({ description: 'Name shown to shoppers (1–255 characters).' })
  name: string;

  @IsOptional()
  @Length(1, 255)
  @Matches(HANDLE_PATTERN, { message: HANDLE_MESSAGE })
  @Field({ nullable: true, description: 'URL handle, unique in the store; generated from the name when left out.' })
  handle?: string;

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'Description, up to 5000 characters.' })
  description?: string;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The parent category; a root category when left out.' })
  parentId?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  @Field(() => Int, { nullable: true, description: 'Place among its siblings from 0; last when left out.' })
  position?: number;
}

@InputType({ description: 'Changes to a category; fields left out stay as they are (moveCategory moves it).' })
export class UpdateCategoryInput {
  @IsUUID()
  @Field(() => ID, { description: 'The category to change.' })
  id: string;

  @IsOptional()
  @Length(1, 255)
  @Field({ nullable: true, description: 'New name.' })
  name?: string;

  @IsOptional()
  @Length(1, 255)
  @Matches(HANDLE_PATTERN, { message: HANDLE_MESSAGE })
  @Field({ nullable: true, description: 'New URL handle.' })
  handle?: string;

  @IsOptional()
  @MaxLength(5000)
  @Field({ nullable: true, description: 'New description.' })
  description?: string;
}

@InputType({ description: 'Where a category (with everything below it) goes.' })
export class MoveCategoryInput {
  @IsUUID()
  @Field(() => ID, { description: 'The category to move.' })
  id: string;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Its new parent; null or left out makes it a root category.' })
  parentId?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  @Field(() => Int, { nullable: true, description: 'Place among its new siblings from 0; last when left out.' })
  position?: number;
}

@InputType({ description: 'The category to delete.' })
export class DeleteCategoryInput {
  @IsUUID()
  @Field(() => ID, { description: 'The category to delete; refused while it has child categories.' })
  id: string;
}

@InputType({ description: 'The categories a product sits in, replacing the ones it had.' })
export class AssignProductCategoriesInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @ArrayMaxSize(MAX_CATEGORIES_PER_PRODUCT)
  @IsUUID('all', { each: true })
  @Field(() => [ID], { description: `Every category it should sit in (at most ${MAX_CATEGORIES_PER_PRODUCT}); empty takes it out of all.` })
  categoryIds: string[];
}
