import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, Matches, Min } from 'class-validator';

/** Money as integer minor units plus an ISO 4217 code; never a float. Shared by every subgraph. */
@Directive('@shareable')
@ObjectType({ description: 'An amount of money in minor units (cents) with its ISO 4217 currency code.' })
export class Money {
  @Field(() => Int, { description: 'Amount in minor units, e.g. 1999 for 19.99.' })
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
  @IsInt()
  @Field(() => Int, { description: 'Amount in minor units, e.g. 1999 for 19.99; never negative.' })
  amount: number;

  @Matches(/^[A-Z]{3}$/, { message: 'currencyCode must be a three-letter ISO 4217 code' })
  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currencyCode: string;
}
