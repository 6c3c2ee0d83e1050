import { Field, ID, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';

@ObjectType({ description: 'A discount code the shopper entered on the cart.' })
export class CartDiscountCode {
  @Field({ description: 'The code (upper case).' })
  code: string;

  @Field({ description: 'Whether it takes something off the cart now (a code stays on the cart when it stops applying).' })
  applicable: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it does not apply now: NOT_STARTED, EXPIRED, MINIMUM_NOT_MET, NO_TARGET_LINES, NOT_COMBINABLE, or UNKNOWN_CODE (deactivated or used up since); null when it applies.',
  })
  reason: string | null;
}

@ObjectType({ description: 'A promotion or code that takes something off the cart, and how much.' })
export class CartAppliedDiscount {
  @Field(() => ID, { description: 'The promotion.' })
  promotionId: string;

  @Field({ description: 'Its title.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The code that applied it; null for an automatic promotion.' })
  code: string | null;

  @Field(() => Money, { description: 'What it takes off the lines and shipping.' })
  amount: Money;
}

@ObjectType({ description: "A promotion's part of a line's discount." })
export class CartDiscountAllocation {
  @Field(() => ID, { description: 'The promotion.' })
  promotionId: string;

  @Field({ description: 'Its title.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The code that applied it; null for an automatic promotion.' })
  code: string | null;

  @Field(() => Money, { description: 'The amount off this line.' })
  amount: Money;
}
