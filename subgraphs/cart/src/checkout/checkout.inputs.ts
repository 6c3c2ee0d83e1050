import { Field, InputType } from 'type-graphql';
import { IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { MoneyInput } from '@ultramarket/kit';
import { CartTargetInput } from '../cart/cart.inputs';

/** Longest order note a shopper may leave. */
export const MAX_NOTE_LENGTH = 1000;

@InputType({ description: "The shopper's note for the order." })
export class SetCartNoteInput extends CartTargetInput {
  @IsOptional()
  @MaxLength(MAX_NOTE_LENGTH)
  @Field(() => String, { nullable: true, description: `The note (at most ${MAX_NOTE_LENGTH} characters); null or blank clears it.` })
  note?: string | null;
}

@InputType({ description: 'The cart to review before completing its checkout.' })
export class ReviewCheckoutInput extends CartTargetInput {}

@InputType({ description: 'The cart whose checkout completes, and what the shopper agreed to pay.' })
export class CompleteCheckoutInput extends CartTargetInput {
  @Length(1, 100)
  @Field({ description: 'A key unique to this checkout (1–100 characters): repeating the call with it returns the same order and creates nothing.' })
  idempotencyKey: string;

  @IsOptional()
  @ValidateNested()
  @Field(() => MoneyInput, {
    nullable: true,
    description: 'The total the shopper saw (reviewCheckout’s): refused with CHECKOUT_TOTAL_CHANGED, writing nothing, when the total now differs.',
  })
  expectedTotal?: MoneyInput | null;
}
