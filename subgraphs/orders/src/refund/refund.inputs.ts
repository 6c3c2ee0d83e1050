import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLSafeInt, MAX_MONEY_INPUT_AMOUNT } from '@ultramarket/kit';

@InputType({ description: 'Units of one order line to refund, and whether they go back into stock.' })
export class RefundLineInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order line (`Order.lineItems.id`).' })
  lineItemId: string;

  @IsInt()
  @Min(1)
  @Max(10_000)
  @Field(() => Int, { description: 'Units to refund: at most those bought and not refunded yet.' })
  quantity: number;

  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Put the units back into stock (default false).' })
  restock?: boolean;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Where restocked units go; default: the location the stock was committed from.' })
  locationId?: string | null;
}

@InputType({ description: 'How much of the shipping to refund: all that is left, or an amount.' })
export class RefundShippingInput {
  @IsOptional()
  @IsBoolean()
  @Field({ nullable: true, description: 'Refund all the shipping not refunded yet.' })
  fullRefund?: boolean;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Shipping to refund, in minor units of the order’s currency (ignored with fullRefund).' })
  amount?: number | null;
}

@InputType({ description: 'A refund of an order: lines and quantities, shipping, and/or an explicit amount, with a reason.' })
export class RefundOrderInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order.' })
  orderId: string;

  @IsOptional()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Field(() => [RefundLineInput], {
    nullable: true,
    description: 'Lines to refund; their amount is each line’s total after discounts, incl. tax, pro rata by quantity.',
  })
  lines?: RefundLineInput[] | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => RefundShippingInput, { nullable: true, description: 'Shipping to refund (none when left out).' })
  shipping?: RefundShippingInput | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: 'The amount to give back, in minor units of the order’s currency, instead of what the lines and shipping come to.',
  })
  amount?: number | null;

  @Length(1, 500)
  @Field({ description: 'Why the money is given back (kept for the store’s staff; the shopper is told the amount only).' })
  reason: string;

  @IsOptional()
  @Length(1, 2000)
  @Field(() => String, { nullable: true, description: 'A note for the store’s staff.' })
  note?: string | null;

  @IsOptional()
  @Length(1, 100)
  @Field(() => String, { nullable: true, description: 'A key unique to this refund on this order: repeating the call with it returns the same refund.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'A FAILED refund to ask of the payment provider again.' })
export class RetryRefundInput {
  @IsUUID()
  @Field(() => ID, { description: 'The refund (`Order.refunds.id`).' })
  refundId: string;
}
