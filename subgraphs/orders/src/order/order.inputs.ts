import { Field, ID, InputType } from 'type-graphql';
import { IsIn, IsOptional, IsUUID, Length } from 'class-validator';
import { CALLER_CANCEL_REASONS, OrderCancelReason } from './cancel-reason';

@InputType({ description: 'The order to cancel.' })
export class CancelOrderInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order.' })
  orderId: string;

  @IsOptional()
  @IsIn(CALLER_CANCEL_REASONS, { message: `reasonCode must be one of ${CALLER_CANCEL_REASONS.join(', ')}` })
  @Field(() => OrderCancelReason, {
    nullable: true,
    description: 'Why it is cancelled; OTHER when left out. This, not `reason`, is what the shopper is told by email and notification.',
  })
  reasonCode?: OrderCancelReason;

  @IsOptional()
  @Length(1, 500)
  @Field(() => String, {
    nullable: true,
    description: 'A note on why, kept in the status history and `Order.cancelReason` for the store’s staff; never sent to anyone by email or notification.',
  })
  reason?: string | null;
}

@InputType({ description: 'The order to close.' })
export class CompleteOrderInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order.' })
  orderId: string;
}

@InputType({ description: 'The period to analyse.' })
export class OrderAnalyticsInput {
  @Field({ description: 'Start (inclusive, UTC).' })
  from: Date;

  @Field({ description: 'End (exclusive, UTC).' })
  to: Date;

  @IsOptional()
  @Length(3, 3)
  @Field({ nullable: true, description: 'Currency to report revenue in; defaults to the one most orders used.' })
  currencyCode?: string;
}
