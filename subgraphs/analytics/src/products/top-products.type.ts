import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { GraphQLSafeInt, Money } from '@ultramarket/kit';
import { TopProductsOrder } from '../period/report.inputs';

@ObjectType({ description: 'What a product or variant sold in a period: paid orders’ lines, by the day their order was placed.' })
export class ProductSales {
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @Field(() => ID, { nullable: true, description: 'The variant; null in a list of products (every variant summed).' })
  variantId: string | null;

  @Field({ description: 'The product’s title on its latest sold line.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The variant’s title on its latest sold line; null in a list of products.' })
  variantTitle: string | null;

  @Field(() => String, { nullable: true, description: 'The variant’s SKU on its latest sold line; null in a list of products or without one.' })
  sku: string | null;

  @Field(() => Money, { description: 'Unit price × quantity − line discounts, summed (refunds are not taken off).' })
  revenue: Money;

  @Field(() => GraphQLSafeInt, { description: 'Units sold.' })
  units: number;
}

@ObjectType({ description: 'The best-selling products or variants of the caller’s store in a period.' })
export class TopProductsReport {
  @Field({ description: 'The period’s first day, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'The period’s last day, YYYY-MM-DD.' })
  to: string;

  @Field({ description: 'The currency of the revenue figures.' })
  currencyCode: string;

  @Field(() => TopProductsOrder, { description: 'What ranks the list.' })
  by: TopProductsOrder;

  @Directive('@listSize(assumedSize: 100)')
  @Field(() => [ProductSales], { description: 'At most `first`, best first; ties broken by the other figure, then by id.' })
  items: ProductSales[];
}
