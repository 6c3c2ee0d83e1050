import { Field, Int, ObjectType } from 'type-graphql';
import { Money } from '@ultramarket/kit';
import { ShippingAddress } from './shipping-address';

/** As stored in `customer_order.tax_lines` (minor units, the order's currency). */
export interface StoredTaxLine {
  title: string;
  rateBasisPoints: number;
  amount: number;
}

/** As stored in `customer_order.discount_applications` and `order_line_item.discounts`. */
export interface StoredDiscount {
  promotionId: string | null;
  code: string | null;
  title: string;
  amount: number;
}

/** As stored in `customer_order.shipping_line`. */
export interface StoredShippingLine {
  rateId: string | null;
  title: string;
  amount: number;
}

@ObjectType({ description: 'A tax charged on an order, as the pricing engine computed it when the order was placed.' })
export class OrderTaxLine {
  @Field({ description: 'The tax’s name, e.g. "CA state tax".' })
  title: string;

  @Field(() => Int, { description: 'Its rate in basis points (825 = 8.25%).' })
  rateBasisPoints: number;

  @Field(() => Money, { description: 'The tax charged.' })
  amount: Money;

  static of(line: StoredTaxLine, currencyCode: string): OrderTaxLine {
    return Object.assign(new OrderTaxLine(), { title: line.title, rateBasisPoints: line.rateBasisPoints, amount: Money.of(line.amount, currencyCode) });
  }
}

@ObjectType({ description: 'A promotion or discount code applied to an order, with what it took off in all.' })
export class OrderDiscountApplication {
  @Field({ description: 'The promotion’s title, as the shopper saw it.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'The discount code entered; null for an automatic promotion.' })
  code: string | null;

  @Field(() => Money, { description: 'What it took off the order (its lines and shipping).' })
  amount: Money;

  static of(discount: StoredDiscount, currencyCode: string): OrderDiscountApplication {
    return Object.assign(new OrderDiscountApplication(), { title: discount.title, code: discount.code, amount: Money.of(discount.amount, currencyCode) });
  }
}

@ObjectType({ description: 'The shipping rate an order was placed with.' })
export class OrderShippingLine {
  @Field({ description: 'The rate’s title, e.g. "Standard".' })
  title: string;

  @Field(() => Money, { description: 'The rate’s price as the pricing engine gave it (a free-shipping discount, if any, is among discountApplications).' })
  amount: Money;

  static of(line: StoredShippingLine, currencyCode: string): OrderShippingLine {
    return Object.assign(new OrderShippingLine(), { title: line.title, amount: Money.of(line.amount, currencyCode) });
  }
}

@ObjectType({ description: 'Who an order is billed to.' })
export class OrderBillingAddress extends ShippingAddress {
  @Field(() => String, { nullable: true, description: 'Company name.' })
  company: string | null;
}
