import { Directive, Field, InputType, ObjectType } from 'type-graphql';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { GraphQLSafeInt } from 'graphql-scalars';

/** The `SafeInt` scalar (53-bit integers, a JSON number) for money amounts outside `Money`, e.g. price filters. */
export { GraphQLSafeInt };

/**
 * The largest amount a client may give for one price or amount, in minor units: 10^10, i.e.
 * 100 000 000.00 in a two-decimal currency. Quantities are bounded too (orders' line maximum), so a
 * line total or an order total stays far inside `Number.MAX_SAFE_INTEGER` (2^53 − 1), the largest
 * total the platform ever stores or serves.
 */
export const MAX_MONEY_INPUT_AMOUNT = 10_000_000_000;

/**
 * Money as integer minor units plus an ISO 4217 code; never a float. Shared by every subgraph.
 * `amount` is a `SafeInt` (53 bits, still a JSON number): sums above 2^31 minor units serialise.
 */
@Directive('@shareable')
@ObjectType({ description: 'An amount of money in minor units (cents) with its ISO 4217 currency code.' })
export class Money {
  @Field(() => GraphQLSafeInt, { description: 'Amount in minor units, e.g. 1999 for 19.99; a safe integer (up to 2^53 − 1).' })
  amount: number;

  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currencyCode: string;

  static of(amount: number, currencyCode: string): Money {
    return Object.assign(new Money(), { amount, currencyCode });
  }
}

@InputType({ description: 'An amount of money in minor units with its ISO 4217 currency code.' })
export class MoneyInput {
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT, { message: `amount must be at most ${MAX_MONEY_INPUT_AMOUNT} minor units` })
  @IsInt()
  @Field(() => GraphQLSafeInt, { description: 'Amount in minor units, e.g. 1999 for 19.99; from 0 to 10000000000 (100 million in a two-decimal currency).' })
  amount: number;

  @Matches(/^[A-Z]{3}$/, { message: 'currencyCode must be a three-letter ISO 4217 code' })
  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currencyCode: string;
}
