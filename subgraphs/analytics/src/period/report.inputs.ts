import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Matches, Max, Min } from 'class-validator';

export enum ReportGranularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(ReportGranularity, {
  name: 'ReportGranularity',
  description: 'How a report groups store-local days into buckets.',
  valuesConfig: {
    DAY: { description: 'One bucket per store-local day.' },
    WEEK: { description: 'One bucket per ISO 8601 week (Monday to Sunday, labelled YYYY-Www); the first and last are clipped to the period.' },
    MONTH: { description: 'One bucket per calendar month (labelled YYYY-MM); the first and last are clipped to the period.' },
  },
});

export enum TopProductsOrder {
  REVENUE = 'REVENUE',
  UNITS = 'UNITS',
}

registerEnumType(TopProductsOrder, {
  name: 'TopProductsOrder',
  description: 'What ranks products and variants in a top list.',
  valuesConfig: {
    REVENUE: { description: 'Revenue (unit price × quantity − line discounts), highest first.' },
    UNITS: { description: 'Units sold, most first.' },
  },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

@InputType({ description: 'A period of store-local days (both ends included, at most 732 days) and the currency to report in.' })
export class ReportPeriodInput {
  @Field({ description: 'First day, YYYY-MM-DD, in the store’s time zone.' })
  @Matches(DATE, { message: 'from must be a date, YYYY-MM-DD' })
  from: string;

  @Field({ description: 'Last day (included), YYYY-MM-DD, in the store’s time zone; at most 731 days after from.' })
  @Matches(DATE, { message: 'to must be a date, YYYY-MM-DD' })
  to: string;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 4217 currency of the figures; the store’s currency when absent. Orders in other currencies are not counted.',
  })
  @IsOptional()
  @Matches(CURRENCY, { message: 'currencyCode must be three capital letters' })
  currencyCode?: string | null;
}

@InputType({ description: 'The period, bucket size and comparison of a sales report.' })
export class SalesReportInput extends ReportPeriodInput {
  @Field(() => ReportGranularity, { defaultValue: ReportGranularity.DAY, description: 'How days are grouped into buckets.' })
  granularity: ReportGranularity;

  @Field({ defaultValue: false, description: 'Also total the period of the same length just before, and the change from it.' })
  compareToPreviousPeriod: boolean;
}

@InputType({ description: 'The period and ranking of a top-products or top-variants list.' })
export class TopProductsInput extends ReportPeriodInput {
  @Field(() => TopProductsOrder, { defaultValue: TopProductsOrder.REVENUE, description: 'Rank by revenue or by units.' })
  by: TopProductsOrder;

  @Field(() => Int, { defaultValue: 10, description: 'How many to list, 1 to 100.' })
  @Min(1)
  @Max(100)
  first: number;
}

@InputType({ description: 'The period and currency of a customer report.' })
export class CustomerReportInput extends ReportPeriodInput {}

@InputType({ description: 'The currency of a stock value.' })
export class StockValueInput {
  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of the prices counted; the store’s currency when absent.' })
  @IsOptional()
  @Matches(CURRENCY, { message: 'currencyCode must be three capital letters' })
  currencyCode?: string | null;
}
