import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintAsNumber, Money } from '@ultramarket/kit';

/** The title of a product's one variant while it has no options. */
export const DEFAULT_VARIANT_TITLE = 'Default';

/** A variant's title: its option values joined by " / " ("M / Red"), or "Default" without options. */
export function variantTitle(optionValues: string[]): string {
  return optionValues.length === 0 ? DEFAULT_VARIANT_TITLE : optionValues.join(' / ');
}

/**
 * One sellable thing: a product's combination of option values (or its one default variant, whose id is
 * the product's id). The table and the GraphQL type share this class; `product` and `selectedOptions`
 * are field resolvers (variant.resolver.ts).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "One sellable version of a product: a combination of the product's option values, with its own SKU and price." })
@Entity('product_variant')
export class ProductVariant {
  @Field(() => ID, { description: "Opaque variant id; a product's default variant has the product's id." })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Field(() => Int, { description: 'Place in the product’s variant list, from 0.' })
  @Column('integer')
  position: number;

  @Field({ description: 'Option values joined by " / " ("M / Red"), or "Default" for a product without options.' })
  @Column('varchar', { length: 255 })
  title: string;

  @Field(() => String, { nullable: true, description: 'Stock keeping unit, unique within the store.' })
  @Column('varchar', { length: 255, nullable: true })
  sku: string | null;

  @Field(() => String, { nullable: true, description: 'Barcode (GTIN, EAN, UPC, ISBN).' })
  @Column('varchar', { length: 255, nullable: true })
  barcode: string | null;

  @Column('bigint', { name: 'price_amount', transformer: bigintAsNumber })
  priceAmount: number;

  @Column('bigint', { name: 'compare_at_amount', nullable: true, transformer: bigintAsNumber })
  compareAtAmount: number | null;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Field(() => Int, { nullable: true, description: 'Shipping weight in grams.' })
  @Column('integer', { name: 'weight_grams', nullable: true })
  weightGrams: number | null;

  @Field({ description: 'Whether inventory counts its stock (false: always sellable).' })
  @Column('boolean', { name: 'track_inventory', default: true })
  trackInventory: boolean;

  /** One value per option of the product, in option position order; empty for the default variant. */
  @Column('text', { name: 'option_values', array: true, default: () => `'{}'` })
  optionValues: string[];

  @Column('uuid', { name: 'media_id', nullable: true })
  mediaId: string | null;

  @VersionColumn()
  version: number;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => Money, { description: 'Selling price.' })
  get price(): Money {
    return Money.of(this.priceAmount, this.currencyCode);
  }

  @Field(() => Money, { nullable: true, description: 'The price before a reduction, shown struck through; same currency as price.' })
  get compareAtPrice(): Money | null {
    return this.compareAtAmount === null ? null : Money.of(this.compareAtAmount, this.currencyCode);
  }
}
