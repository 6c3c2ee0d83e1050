import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A node of a store's category tree (Men › Tops › T-shirts). The table and the GraphQL type share this class. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A category of a store’s category tree; products may sit in several categories.' })
@Entity('category')
export class Category {
  @Field(() => ID, { description: 'Opaque category id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store whose tree it belongs to.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Field({ description: 'Name shown to shoppers.' })
  @Column('varchar', { length: 255 })
  name: string;

  @Field({ description: 'URL-friendly name, unique within the store.' })
  @Column('varchar', { length: 255 })
  handle: string;

  @Field({ description: 'Description (plain text or Markdown).' })
  @Column('text', { default: '' })
  description: string;

  @Field(() => Int, { description: 'Place among its siblings, from 0.' })
  @Column('integer', { default: 0 })
  position: number;

  /** Ids from the root down to this category itself (see the migration for why a materialised path). */
  @Column('uuid', { array: true })
  path: string[];

  @VersionColumn()
  version: number;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => Int, { description: 'How deep it sits: 1 for a root category.' })
  get depth(): number {
    return this.path.length;
  }
}
