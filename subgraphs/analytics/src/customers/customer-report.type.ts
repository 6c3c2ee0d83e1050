import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';

@ObjectType({ description: 'Who bought from the caller’s store in a period (customers are told apart by their order email).' })
export class CustomerReport {
  @Field({ description: 'The period’s first day, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'The period’s last day, YYYY-MM-DD.' })
  to: string;

  @Field({ description: 'The currency of the money figures (and of the orders counted).' })
  currencyCode: string;

  @Field(() => Int, { description: 'Customers with a paid order placed in the period.' })
  customers: number;

  @Field(() => Int, { description: 'Those whose first paid order was placed in the period.' })
  newCustomers: number;

  @Field(() => Int, { description: 'Those who had paid for an order placed before the period.' })
  returningCustomers: number;

  @Field(() => Float, { nullable: true, description: 'Share (0–1) of those customers with two or more paid orders to date; null without customers.' })
  repeatCustomerRate: number | null;

  @Field(() => Money, {
    description:
      'Customer lifetime value: the average over those customers of everything they paid to date less their refunds, rounded half up; 0 without customers.',
  })
  averageLifetimeValue: Money;

  @Field(() => Float, { nullable: true, description: 'Average paid orders to date of those customers; null without customers.' })
  averageOrdersPerCustomer: number | null;
}
