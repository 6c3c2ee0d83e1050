import { Field, InputType } from 'type-graphql';
import { Matches } from 'class-validator';
import { CartTargetInput } from '../cart/cart.inputs';
import { CODE_PATTERN } from '../promotion/promotion.inputs';

@InputType({ description: 'A discount code to apply to a cart.' })
export class ApplyCartDiscountCodeInput extends CartTargetInput {
  @Matches(CODE_PATTERN, { message: 'code must be 3–64 letters, digits, "_" or "-"' })
  @Field({ description: 'The code, in any case.' })
  code: string;
}

@InputType({ description: 'A discount code to take off a cart.' })
export class RemoveCartDiscountCodeInput extends CartTargetInput {
  @Matches(CODE_PATTERN, { message: 'code must be 3–64 letters, digits, "_" or "-"' })
  @Field({ description: 'The code, in any case.' })
  code: string;
}
