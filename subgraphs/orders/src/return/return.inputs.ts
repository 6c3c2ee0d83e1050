import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLSafeInt, MAX_MONEY_INPUT_AMOUNT } from '@ultramarket/kit';
import { ReturnReason, ReturnStatus } from './return-status';
import { RefundShippingInput } from '../refund/refund.inputs';

@InputType({ description: 'Units of one delivered order line to return, and why.' })
export class RequestReturnLineInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order line (`Order.lineItems.id`).' })
  lineItemId: string;

  @IsInt()
  @Min(1)
  @Max(10_000)
  @Field(() => Int, { description: 'Units: at most those delivered, less those returned, being returned or refunded.' })
  quantity: number;

  @IsEnum(ReturnReason)
  @Field(() => ReturnReason, { description: 'Why they come back.' })
  reason: ReturnReason;

  @IsOptional()
  @Length(1, 1000)
  @Field(() => String, { nullable: true, description: 'Words about this line.' })
  note?: string | null;
}

@InputType({ description: 'A return of delivered units of an order, within the store’s return window.' })
export class RequestReturnInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order.' })
  orderId: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Field(() => [RequestReturnLineInput], { description: 'The lines and units to return.' })
  lines: RequestReturnLineInput[];

  @IsOptional()
  @Length(1, 2000)
  @Field(() => String, { nullable: true, description: 'A note for the store.' })
  customerNote?: string | null;
}

@InputType({ description: 'A return to act on.' })
export class ReturnStepInput {
  @IsUUID()
  @Field(() => ID, { description: 'The return.' })
  returnId: string;
}

@InputType({ description: 'A REQUESTED return to approve.' })
export class ApproveReturnInput extends ReturnStepInput {}

@InputType({ description: 'An APPROVED or RECEIVED return to close without a refund.' })
export class CloseReturnInput extends ReturnStepInput {}

@InputType({ description: 'A return to reject, and why (the shopper is told).' })
export class RejectReturnInput extends ReturnStepInput {
  @Length(1, 500)
  @Field({ description: 'Why it is rejected.' })
  reason: string;
}

@InputType({ description: 'What to do with one returned line’s units: back into stock or not, and where.' })
export class ReturnLineRestockInput {
  @IsUUID()
  @Field(() => ID, { description: 'The return line (`Return.lines.id`).' })
  returnLineId: string;

  @IsBoolean()
  @Field({ description: 'Put the units back into stock.' })
  restock: boolean;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Where restocked units go; default: where the stock was committed from.' })
  locationId?: string | null;
}

@InputType({ description: 'A return whose units are back with the store, with a restock choice per line (lines left out are decided at the refund).' })
export class MarkReturnReceivedInput extends ReturnStepInput {
  @IsOptional()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Field(() => [ReturnLineRestockInput], { nullable: true, description: 'Restock choices by return line.' })
  lines?: ReturnLineRestockInput[] | null;
}

@InputType({ description: 'The refund of a received return: its lines’ share, restocked or not, with shipping or an amount adjusted.' })
export class RefundReturnInput extends ReturnStepInput {
  @IsOptional()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Field(() => [ReturnLineRestockInput], {
    nullable: true,
    description: 'Restock choices that replace those made on receiving (default: as received, else no restock).',
  })
  lines?: ReturnLineRestockInput[] | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => RefundShippingInput, { nullable: true, description: 'Shipping to refund too (none when left out).' })
  shipping?: RefundShippingInput | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MONEY_INPUT_AMOUNT)
  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: 'The amount to give back, in minor units, instead of what the lines (and shipping) come to: a restocking fee, a goodwill refund.',
  })
  amount?: number | null;

  @IsOptional()
  @Length(1, 2000)
  @Field(() => String, { nullable: true, description: 'A note for the store’s staff.' })
  note?: string | null;

  @IsOptional()
  @Length(1, 100)
  @Field(() => String, { nullable: true, description: 'A key unique to this refund on the order: repeating the call with it answers the same refund.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Conditions on the store’s returns.' })
export class ReturnFilter {
  @IsOptional()
  @ArrayMaxSize(6)
  @IsEnum(ReturnStatus, { each: true })
  @Field(() => [ReturnStatus], { nullable: true, description: 'Returns in any of these statuses.' })
  statuses?: ReturnStatus[] | null;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Returns of this order only.' })
  orderId?: string | null;
}
