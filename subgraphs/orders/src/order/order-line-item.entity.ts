import { bigintAsNumber, Money, ProductReference, SelectedOption, type SelectedOptionValue, VariantReference } from '@ultramarket/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredDiscount } from './order-charges';

/** One variant bought: its titles, SKU, option values and unit price as they were when the order was placed. */
@ObjectType({ description: 'One product variant in an order, as it was when the order was placed.' })
@Entity('order_line_item')
export class OrderLineItem {
  @Field(() => ID, { description: 'Opaque line id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'order_id' })
  orderId: string;

  /** The order's store (row-level security binds every row to one). */
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The product bought.' })
  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Field(() => ID, { description: 'The variant bought (a product without options: its default variant, whose id is the product’s).' })
  @Column('uuid', { name: 'variant_id' })
  variantId: string;

  @Field({ description: 'The product title at order time.' })
  @Column('varchar', { length: 255 })
  title: string;

  @Field({ description: 'The variant’s title at order time: its option values joined by " / " ("M / Red"), or "Default".' })
  @Column('varchar', { name: 'variant_title', length: 255 })
  variantTitle: string;

  @Field(() => String, { nullable: true, description: 'The variant’s SKU at order time; null when it had none.' })
  @Column('varchar', { length: 255, nullable: true })
  sku: string | null;

  @Directive('@listSize(assumedSize: 3)')
  @Field(() => [SelectedOption], { description: 'The option values of the variant bought (none for a default variant).' })
  @Column('jsonb', { name: 'selected_options' })
  selectedOptions: SelectedOptionValue[];

  @Field(() => Int, { description: 'Units bought.' })
  @Column('integer')
  quantity: number;

  @Field(() => Int, { description: 'Units shipped so far (in the order’s shipments).' })
  @Column('integer', { name: 'fulfilled_quantity', default: 0 })
  fulfilledQuantity: number;

  @Field(() => Int, { description: 'Units cancelled unshipped (cancelOrderRemainder); they will not ship.' })
  @Column('integer', { name: 'cancelled_quantity', default: 0 })
  cancelledQuantity: number;

  @Column('bigint', { name: 'unit_price_amount', transformer: bigintAsNumber })
  unitPriceAmount: number;

  @Column('bigint', { name: 'discount_amount', transformer: bigintAsNumber, default: 0 })
  discountAmount: number;

  @Column('bigint', { name: 'tax_amount', transformer: bigintAsNumber, default: 0 })
  taxAmount: number;

  /** What the line charges as the engine priced it (null for lines placed before carts). */
  @Column('bigint', { name: 'total_amount', transformer: bigintAsNumber, nullable: true })
  totalAmount: number | null;

  /** The discounts allocated to this line (`{ promotionId, code, title, amount }`), as priced at checkout. */
  @Column('jsonb', { default: () => "'[]'" })
  discounts: StoredDiscount[];

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Column('integer', { name: 'position' })
  position: number;

  @Field(() => Money, { description: 'Price of one unit at order time.' })
  get unitPrice(): Money {
    return Money.of(this.unitPriceAmount, this.currencyCode);
  }

  @Field(() => Money, { description: 'unitPrice × quantity.' })
  get lineTotal(): Money {
    // exact: cart prices no order whose total, which includes every line total, is beyond 2^53 − 1
    return Money.of(this.unitPriceAmount * this.quantity, this.currencyCode);
  }

  @Field(() => Money, { description: 'What promotions and discount codes took off this line.' })
  get discountTotal(): Money {
    return Money.of(this.discountAmount, this.currencyCode);
  }

  @Field(() => Money, { description: 'The tax charged on this line.' })
  get taxTotal(): Money {
    return Money.of(this.taxAmount, this.currencyCode);
  }

  @Field(() => ProductReference, { description: 'The product as it is now (resolved by the catalog and inventory subgraphs).' })
  get product(): ProductReference {
    return ProductReference.of(this.productId);
  }

  @Field(() => VariantReference, { description: 'The variant as it is now (resolved by the catalog and inventory subgraphs).' })
  get variant(): VariantReference {
    return VariantReference.of(this.variantId);
  }
}
