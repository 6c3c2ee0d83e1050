import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintAsNumber, Money } from '@ultramarket/kit';
import { ProductStatus } from './product-status';

/** A product a store sells. The table and the GraphQL type share this class; price is stored as minor units + currency. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A product a store sells.' })
@Entity('product')
@Index('product_store_handle', ['storeId', 'handle'], { unique: true })
@Index('product_store_status_created', ['storeId', 'status', 'createdAt'])
export class Product {
  @Field(() => ID, { description: 'Opaque product id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store that sells it.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'Name shown to shoppers.' })
  @Column('varchar', { length: 255 })
  title: string;

  @Field({ description: 'Long description (plain text or Markdown).' })
  @Column('text', { default: '' })
  description: string;

  @Field({ description: 'URL-friendly name, unique within the store, generated from the title unless given.' })
  @Column('varchar', { length: 255 })
  handle: string;

  @Field(() => ProductStatus, { description: 'DRAFT, ACTIVE or ARCHIVED.' })
  @Column('varchar', { length: 16 })
  status: ProductStatus;

  @Column('bigint', { name: 'price_amount', transformer: bigintAsNumber })
  priceAmount: number;

  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Field(() => String, {
    nullable: true,
    description: 'Free-text category name used for browsing and filtering.',
    deprecationReason: 'Use the category tree (Product.categories); this free-text name stays readable for existing clients.',
  })
  @Column('varchar', { length: 100, nullable: true })
  category: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'URL of the main image.',
    deprecationReason: 'Use the ordered media list (Product.media); this single URL stays readable for existing clients.',
  })
  @Column('text', { name: 'image_url', nullable: true })
  imageUrl: string | null;

  @Field(() => [String], { description: 'Tags, lower-cased and trimmed, each once.' })
  @Column('text', { array: true, default: () => `'{}'` })
  tags: string[];

  @Field(() => String, { nullable: true, description: 'Who makes or supplies it (brand).' })
  @Column('varchar', { length: 255, nullable: true })
  vendor: string | null;

  @Field(() => String, { nullable: true, description: 'Kind of product ("T-shirt"), the merchant’s own words.' })
  @Column('varchar', { name: 'product_type', length: 255, nullable: true })
  productType: string | null;

  @Field(() => String, { nullable: true, description: 'Title for search engines; the title when null.' })
  @Column('varchar', { name: 'seo_title', length: 255, nullable: true })
  seoTitle: string | null;

  @Field(() => String, { nullable: true, description: 'Description for search engines.' })
  @Column('text', { name: 'seo_description', nullable: true })
  seoDescription: string | null;

  @Field(() => String, { nullable: true, description: 'Tax class whose tax rules apply (e.g. "books"); null: the store\'s standard rate.' })
  @Column('varchar', { name: 'tax_class', length: 64, nullable: true })
  taxClass: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When an ACTIVE product appears to shoppers (UTC); null means as soon as it is ACTIVE.',
  })
  @Column({ type: 'timestamptz', name: 'published_at', precision: 3, nullable: true })
  publishedAt: Date | null;

  @VersionColumn()
  version: number;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => Money, { description: 'Lowest price of its variants.' })
  get price(): Money {
    return Money.of(this.priceAmount, this.currencyCode);
  }
}
