import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsString, IsUUID } from 'class-validator';
import { MAX_TAGS_PER_ORDER } from './tag-rules';

@InputType({ description: 'An order and tags to set, add or remove.' })
export class OrderTagsInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order.' })
  orderId: string;

  @ArrayMaxSize(MAX_TAGS_PER_ORDER)
  @IsString({ each: true })
  @Field(() => [String], {
    description: `Tags of 1 to 40 characters without commas, at most ${MAX_TAGS_PER_ORDER}; stored trimmed and in lower case ("VIP " is "vip").`,
  })
  tags: string[];
}

@InputType({ description: 'The order and its new tags (they replace the old ones; an empty list removes them all).' })
export class SetOrderTagsInput extends OrderTagsInput {}

@InputType({ description: 'The order and the tags to add to it.' })
export class AddOrderTagsInput extends OrderTagsInput {}

@InputType({ description: 'The order and the tags to take off it (tags it does not have are ignored).' })
export class RemoveOrderTagsInput extends OrderTagsInput {}
