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

  @Field(() => String, { nullable: true, description: 'Category name used for browsing and filtering.' })
  @Column('varchar', { length: 100, nullable: true })
  category: string | null;

  @Field(() => String, { nullable: true, description: 'URL of the main image.' })
  @Column('text', { name: 'image_url', nullable: true })
  imageUrl: string | null;

  @VersionColumn()
  version: number;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => Money, { description: 'Current selling price.' })
  get price(): Money {
    return Money.of(this.priceAmount, this.currencyCode);
  }
}
