import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { SegmentRulesInput } from './segment-rules';

@InputType({ description: "A new segment of the caller's store." })
export class CreateCustomerSegmentInput {
  @Length(1, 100)
  @Field({ description: 'Name, unique within the store (1–100 characters).' })
  name: string;

  @ValidateNested()
  @Field(() => SegmentRulesInput, { description: 'Who belongs to the segment.' })
  rules: SegmentRulesInput;
}

@InputType({ description: 'Changes to a segment; fields left out stay as they are. New rules recompute its members.' })
export class UpdateCustomerSegmentInput {
  @IsUUID()
  @Field(() => ID, { description: 'The segment to change.' })
  id: string;

  @IsOptional()
  @Length(1, 100)
  @Field({ nullable: true, description: 'New name.' })
  name?: string;

  @IsOptional()
  @ValidateNested()
  @Field(() => SegmentRulesInput, { nullable: true, description: 'New rules (replace the old ones).' })
  rules?: SegmentRulesInput;
}

@InputType({ description: 'The segment to delete.' })
export class DeleteCustomerSegmentInput {
  @IsUUID()
  @Field(() => ID, { description: 'The segment to delete; its customers are not touched.' })
  id: string;
}
