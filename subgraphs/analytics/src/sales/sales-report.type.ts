import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { GraphQLSafeInt, Money } from '@ultramarket/kit';
import { ReportGranularity } from '../period/report.inputs';

@ObjectType({ description: 'Sales figures of a span of store-local days (docs/analytics.md defines each).' })
export class SalesFigures {
  @Field(() => Money, { description: 'Paid orders’ lines at unit price × quantity, before any discount.' })
  grossSales: Money;

  @Field(() => Money, { description: 'Paid orders’ discounts (line and order discounts).' })
  discounts: Money;

  @Field(() => Money, { description: 'Paid orders’ shipping charges, after shipping discounts.' })
  shipping: Money;

  @Field(() => Money, { description: 'Paid orders’ taxes.' })
  taxes: Money;

  @Field(() => Money, { description: 'Paid orders’ totals: what the shoppers were charged.' })
  totalSales: Money;

  @Field(() => Money, { description: 'Money given back by refunds made in these days (payments.refunded), whichever day the order was placed.' })
  refunds: Money;

  @Field(() => Money, { description: 'totalSales − refunds: what the store kept.' })
  netSales: Money;

  @Field(() => Int, { description: 'Paid orders placed in these days.' })
  ordersCount: number;

  @Field(() => Int, { description: 'Orders placed in these days, paid or not.' })
  ordersPlaced: number;

  @Field(() => Money, { description: 'totalSales ÷ ordersCount, rounded half up to a minor unit; 0 without orders.' })
  averageOrderValue: Money;

  @Field(() => GraphQLSafeInt, { description: 'Units in the paid orders.' })
  units: number;

  @Field(() => Int, { description: 'Paid orders that were their customer’s first paid order.' })
  newCustomerOrders: number;

  @Field(() => Int, { description: 'Paid orders of customers who had paid for an order before.' })
  returningCustomerOrders: number;

  @Field(() => Int, { description: 'Carts created in these days (every currency).' })
  cartsCreated: number;

  @Field(() => Int, { description: 'Checkouts completed in these days (every currency).' })
  checkoutsCompleted: number;

  @Field(() => Float, { nullable: true, description: 'checkoutsCompleted ÷ cartsCreated; null when no cart was created.' })
  cartConversionRate: number | null;
}

@ObjectType({ description: 'One bucket of a sales report: a day, an ISO week or a month, clipped to the period.' })
export class SalesBucket {
  @Field({ description: 'YYYY-MM-DD for a day, YYYY-Www for an ISO week, YYYY-MM for a month.' })
  label: string;

  @Field({ description: 'First day of the bucket inside the period, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'Last day of the bucket inside the period, YYYY-MM-DD.' })
  to: string;

  @Field(() => SalesFigures, { description: 'The bucket’s figures.' })
  figures: SalesFigures;
}

@ObjectType({ description: 'How one figure moved from the previous period to this one.' })
export class FigureChange {
  @Field(() => GraphQLSafeInt, { description: 'This period’s value − the previous period’s (minor units for money, a count otherwise).' })
  difference: number;

  @Field(() => Float, { nullable: true, description: 'difference ÷ |previous value| (0.25 = +25 %); null when the previous value is 0.' })
  ratio: number | null;
}

@ObjectType({ description: 'The change of the main figures from the previous period.' })
export class SalesChange {
  @Field(() => FigureChange, { description: 'Change of grossSales.' })
  grossSales: FigureChange;

  @Field(() => FigureChange, { description: 'Change of discounts.' })
  discounts: FigureChange;

  @Field(() => FigureChange, { description: 'Change of totalSales.' })
  totalSales: FigureChange;

  @Field(() => FigureChange, { description: 'Change of refunds.' })
  refunds: FigureChange;

  @Field(() => FigureChange, { description: 'Change of netSales.' })
  netSales: FigureChange;

  @Field(() => FigureChange, { description: 'Change of ordersCount.' })
  ordersCount: FigureChange;

  @Field(() => FigureChange, { description: 'Change of averageOrderValue.' })
  averageOrderValue: FigureChange;

  @Field(() => FigureChange, { description: 'Change of units.' })
  units: FigureChange;
}

@ObjectType({ description: 'The totals of the period just before the report’s, of the same length.' })
export class PreviousPeriod {
  @Field({ description: 'Its first day, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'Its last day, YYYY-MM-DD.' })
  to: string;

  @Field(() => SalesFigures, { description: 'Its totals.' })
  totals: SalesFigures;
}

@ObjectType({ description: 'Sales of the caller’s store over a period of store-local days, from analytics’ rollups.' })
export class SalesReport {
  @Field({ description: 'The period’s first day, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'The period’s last day, YYYY-MM-DD.' })
  to: string;

  @Field({ description: 'The IANA time zone the days are the store’s days in, e.g. Europe/Paris.' })
  timezone: string;

  @Field({ description: 'The currency of the money figures.' })
  currencyCode: string;

  @Field(() => ReportGranularity, { description: 'How the buckets group days.' })
  granularity: ReportGranularity;

  @Directive('@listSize(assumedSize: 31)')
  @Field(() => [SalesBucket], { description: 'Every bucket of the period in order, empty ones included.' })
  buckets: SalesBucket[];

  @Field(() => SalesFigures, { description: 'The whole period’s figures.' })
  totals: SalesFigures;

  @Field(() => PreviousPeriod, { nullable: true, description: 'The previous period’s totals; null unless compareToPreviousPeriod.' })
  previousPeriod: PreviousPeriod | null;

  @Field(() => SalesChange, { nullable: true, description: 'The change from the previous period; null unless compareToPreviousPeriod.' })
  change: SalesChange | null;
}
