import { Field, ID, InputType } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { GraphQLSafeInt, MAX_MONEY_INPUT_AMOUNT } from '@ultramarket/kit';

@InputType({ description: 'Which authorized payment to capture (by its id or its order), how much, and an idempotency key.' })
export class CapturePaymentInput {
  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The payment to capture; give this or orderId.' })
  paymentId?: string;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The order whose authorized payment to capture; give this or paymentId.' })
  orderId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "What to capture, in the payment's currency's minor units; left out: all that is still authorized, as the final capture.",
  })
  amount?: number;

  @Length(1, 255)
  @Matches(/\S/, { message: 'idempotencyKey must not be blank' })
  @Field({ description: 'A key unique to this capture (1–255 characters): repeating the request with it captures nothing more.' })
  idempotencyKey: string;
}
