import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IsIn, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { OrderStatus } from './order-status';
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

@InputType({ description: 'Narrows an order list; all given conditions must hold.' })
export class OrderFilter {
  @IsOptional()
  @Field(() => OrderStatus, { nullable: true, description: 'Only orders in this status.' })
  status?: OrderStatus;

  @IsOptional()
  @Field({ nullable: true, description: 'Placed at or after this time.' })
  dateFrom?: Date;

  @IsOptional()
  @Field({ nullable: true, description: 'Placed before this time.' })
  dateTo?: Date;

  @IsOptional()
  @MaxLength(200)
  @Field({ nullable: true, description: 'Order number (e.g. "#1001" or "1001") or part of the email.' })
  search?: string;
}

export enum OrderSortField {
  CREATED_AT = 'CREATED_AT',
  TOTAL = 'TOTAL',
}
export enum OrderSortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderSortField, { name: 'OrderSortField', description: 'What to sort orders by.' });
registerEnumType(OrderSortDirection, { name: 'OrderSortDirection', description: 'Ascending or descending.' });

@InputType({ description: 'Order of an order list; ties are broken by id.' })
export class OrderSort {
  @Field(() => OrderSortField, { defaultValue: OrderSortField.CREATED_AT, description: 'Sort key.' })
  field: OrderSortField;

  @Field(() => OrderSortDirection, { defaultValue: OrderSortDirection.DESC, description: 'Direction.' })
  direction: OrderSortDirection;
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
