import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ReviewStatus } from './review-status';

/**
 * A customer's review of a product of a store: one per customer and product. Its author is the shopper's user id,
 * shown only to the store's staff and the author (`ProductReview.customerId`).
 */
@ObjectType({ description: 'A shopper’s review of a product: a rating from 1 to 5, a title and a text, moderated by the store’s staff.' })
@Entity('product_review')
export class ProductReview {
  @Field(() => ID, { description: 'Opaque review id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Field(() => Int, { description: 'Stars from 1 to 5.' })
  @Column('smallint')
  rating: number;

  @Field({ description: 'Title, plain text on one line, at most 120 characters.' })
  @Column('varchar', { length: 120 })
  title: string;

  @Field({ description: 'Text, plain (markup removed), at most 5000 characters; paragraphs separated by an empty line.' })
  @Column('text')
  body: string;

  @Field(() => ReviewStatus, { description: 'Where the review is in moderation.' })
  @Column('varchar', { length: 8 })
  status: ReviewStatus;

  @Field(() => String, { nullable: true, description: 'Why the staff rejected the review; null unless REJECTED.' })
  @Column('varchar', { name: 'rejection_reason', length: 500, nullable: true })
  rejectionReason: string | null;

  @Field({ description: 'Whether the author has a completed order of the store containing the product.' })
  @Column('boolean', { name: 'verified_purchase' })
  verifiedPurchase: boolean;

  @Field(() => Date, { nullable: true, description: 'When the staff last approved or rejected it (UTC); null while never moderated.' })
  @Column('timestamptz', { name: 'moderated_at', nullable: true })
  moderatedAt: Date | null;

  @Column('integer')
  version: number;

  @Field({ description: 'When it was written (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
