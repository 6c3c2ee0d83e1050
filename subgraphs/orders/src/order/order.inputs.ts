import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ordersConfig } from '../orders-config';
import { OrderStatus } from './order-status';
import { CALLER_CANCEL_REASONS, OrderCancelReason } from './cancel-reason';
import { ShippingAddressInput } from './shipping-address';

@InputType({ description: 'A product variant and how many units of it to buy: give `variantId`, or `productId` for a product with one variant.' })
export class OrderItemInput {
  @IsOptional()
  @IsUUID()
  @Field(() => ID, {
    nullable: true,
    description: 'The variant to buy. Give this or `productId`, not both.',
  })
  variantId?: string | null;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, {
    nullable: true,
    description:
      'The product, when it has exactly one variant (a product without options): its variant is bought. A product with several variants is refused with VARIANT_REQUIRED. Give this or `variantId`, not both.',
  })
  productId?: string | null;

  @IsInt()
  @Min(1)
  // one bound for every store (ORDERS_MAX_LINE_QUANTITY): unpaid orders hold stock, so a line may not hold it all
  @Max(ordersConfig.maxLineQuantity)
  @Field(() => Int, {
    description:
      'Units, from 1 to the platform’s line maximum (100 unless configured otherwise). Several lines of one variant are added together, within the same maximum.',
  })
  quantity: number;
}

@InputType({ description: 'An order to place. Prices come from the catalog, never from the client.' })
export class PlaceOrderInput {
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Field(() => [OrderItemInput], { description: 'What to buy (1–100 lines), all from one store.' })
  items: OrderItemInput[];

  @IsEmail()
  @MaxLength(320)
  @Field({ description: 'Where order emails go.' })
  email: string;

  @ValidateNested()
  @Field(() => ShippingAddressInput, { description: 'Where to ship it.' })
  shippingAddress: ShippingAddressInput;

  @Length(1, 100)
  @Field({ description: 'A key unique to this checkout: repeating the call with it returns the same order and creates nothing.' })
  idempotencyKey: string;
}

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

@InputType({ description: 'The order to mark delivered.' })
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
