import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '@ultramarket/kit';
import { MediaStatus } from './media-status';

/**
 * One image of a product. The table row holds where the bytes are (`storageKey`, or `externalUrl`
 * for an image carried over from `imageUrl`); the GraphQL type shows its public `url` instead
 * (product-media.resolver.ts), never the key.
 */
@ObjectType({ description: "An image of a product, in the product's media order." })
@Entity('product_media')
export class ProductMedia {
  @Field(() => ID, { description: 'Opaque media id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Field(() => Int, { description: 'Place in the product’s media list, from 0.' })
  @Column('int')
  position: number;

  @Field({ description: 'Text that describes the image for screen readers and search engines.' })
  @Column('varchar', { length: 512, default: '' })
  alt: string;

  @Column('varchar', { name: 'storage_key', length: 100, nullable: true })
  storageKey: string | null;

  @Column('text', { name: 'external_url', nullable: true })
  externalUrl: string | null;

  @Field(() => String, { nullable: true, description: 'The checked image type (image/png, image/jpeg, image/gif or image/webp); null for an external image.' })
  @Column('varchar', { name: 'content_type', length: 64, nullable: true })
  contentType: string | null;

  @Column('bigint', { name: 'byte_size', nullable: true, transformer: bigintAsNumber })
  byteSize: number | null;

  @Field(() => Int, { nullable: true, description: 'Width in pixels, read from the image; null for an external image.' })
  @Column('int', { nullable: true })
  width: number | null;

  @Field(() => Int, { nullable: true, description: 'Height in pixels, read from the image; null for an external image.' })
  @Column('int', { nullable: true })
  height: number | null;

  @Column('varchar', { length: 16 })
  status: MediaStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
