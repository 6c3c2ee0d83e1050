import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsEmail, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { GraphQLSafeInt } from '@ultramarket/kit';
import { FulfillmentStatus, OrderStatus, PaymentStatus } from '../order/order-status';

@InputType({ description: 'Narrows an order list; all given conditions must hold (a list matches any of its values).' })
export class OrderFilter {
  @IsOptional()
  @Field(() => OrderStatus, { nullable: true, description: 'Only orders in this status (see `statuses` for several).' })
  status?: OrderStatus;

  @IsOptional()
  @ArrayMaxSize(20)
  @Field(() => [OrderStatus], { nullable: true, description: 'Only orders in one of these statuses.' })
  statuses?: OrderStatus[];

  @IsOptional()
  @ArrayMaxSize(20)
  @Field(() => [PaymentStatus], { nullable: true, description: 'Only orders whose payment status is one of these.' })
  paymentStatuses?: PaymentStatus[];

  @IsOptional()
  @ArrayMaxSize(20)
  @Field(() => [FulfillmentStatus], { nullable: true, description: 'Only orders whose fulfilment status is one of these.' })
  fulfillmentStatuses?: FulfillmentStatus[];

  @IsOptional()
  @Field({ nullable: true, description: 'Placed at or after this time.' })
  dateFrom?: Date;

  @IsOptional()
  @Field({ nullable: true, description: 'Placed before this time (must be after dateFrom).' })
  dateTo?: Date;

  @IsOptional()
  @Matches(/^#?\d{1,10}$/, { message: 'orderNumber is a number such as "#1001" or "1001"' })
  @Field({ nullable: true, description: 'Exactly this order number, e.g. "#1001" or "1001".' })
  orderNumber?: string;

  @IsOptional()
  @Matches(/^#?[1-9]\d{0,9}$/, { message: 'orderNumberPrefix is the first digits of an order number, e.g. "#10" or "10"' })
  @Field({ nullable: true, description: 'Order numbers starting with these digits: "10" matches #10, #100–#109, #1000–#1099, …' })
  orderNumberPrefix?: string;

  @IsOptional()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an email address' })
  @Field({ nullable: true, description: 'Exactly this email, ignoring case.' })
  email?: string;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Only this shopper’s orders (staff; a shopper always sees only their own).' })
  customerId?: string;

  @IsOptional()
  @ArrayMaxSize(50)
  @Field(() => [String], { nullable: true, description: 'Orders with at least one of these tags (matched as stored: trimmed, lower case).' })
  tagsAny?: string[];

  @IsOptional()
  @ArrayMaxSize(50)
  @Field(() => [String], { nullable: true, description: 'Orders with every one of these tags.' })
  tagsAll?: string[];

  @IsOptional()
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Total at least this, in minor units (whatever the currency).' })
  totalMin?: number;

  @IsOptional()
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Total at most this, in minor units (not below totalMin).' })
  totalMax?: number;

  @IsOptional()
  @MaxLength(200)
  @Field({ nullable: true, description: 'Order number (e.g. "#1001" or "1001") or part of the email.' })
  search?: string;
}

export enum OrderSortField {
  CREATED_AT = 'CREATED_AT',
  NUMBER = 'NUMBER',
  TOTAL = 'TOTAL',
  UPDATED_AT = 'UPDATED_AT',
}
export enum OrderSortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderSortField, {
  name: 'OrderSortField',
  description: 'What to sort orders by.',
  valuesConfig: {
    CREATED_AT: { description: 'When it was placed.' },
    NUMBER: { description: 'Its order number.' },
    TOTAL: { description: 'Its total, in minor units.' },
    UPDATED_AT: { description: 'When it last changed.' },
  },
});
registerEnumType(OrderSortDirection, { name: 'OrderSortDirection', description: 'Ascending or descending.' });

@InputType({ description: 'Order of an order list; ties are broken by id.' })
export class OrderSort {
  @Field(() => OrderSortField, { defaultValue: OrderSortField.CREATED_AT, description: 'Sort key.' })
  field: OrderSortField;

  @Field(() => OrderSortDirection, { defaultValue: OrderSortDirection.DESC, description: 'Direction.' })
  direction: OrderSortDirection;
}
