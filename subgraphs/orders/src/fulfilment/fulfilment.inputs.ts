import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';

@InputType({ description: 'The partly shipped order whose unshipped units are cancelled.' })
export class CancelOrderRemainderInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order (PARTIALLY_FULFILLED, paid).' })
  orderId: string;

  @IsOptional()
  @Length(1, 500)
  @Field(() => String, { nullable: true, description: 'Why, for the status history and the staff (at most 500 characters); never sent to the shopper.' })
  reason?: string | null;
}
