import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CollectionRule, CollectionRuleMatch } from './collection-rule';

export enum CollectionKind {
  MANUAL = 'MANUAL',
  AUTOMATED = 'AUTOMATED',
}

/** The order a collection's products are listed in. */
export enum CollectionSortOrder {
  MANUAL = 'MANUAL',
  CREATED_DESC = 'CREATED_DESC',
  TITLE_ASC = 'TITLE_ASC',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
}

registerEnumType(CollectionKind, {
  name: 'CollectionKind',
  description: 'How a collection gets its products.',
  valuesConfig: {
    MANUAL: { description: 'The merchant adds, removes and orders them.' },
    AUTOMATED: { description: 'Every product meeting its rules, kept current as products change.' },
  },
});
registerEnumType(CollectionSortOrder, {
  name: 'CollectionSortOrder',
  description: 'The order of a collection’s products.',
  valuesConfig: {
    MANUAL: { description: 'The merchant’s order (manual collections only; the default there).' },
    CREATED_DESC: { description: 'Newest first (the default of automated collections).' },
    TITLE_ASC: { description: 'By title, A to Z.' },
    PRICE_ASC: { description: 'By (lowest) price, cheapest first.' },
    PRICE_DESC: { description: 'By (lowest) price, dearest first.' },
  },
});

/** A named group of products: manual (an ordered list) or automated (rules). Table and GraphQL type share this class. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A named group of products, manual (an ordered list) or automated (every product meeting its rules).' })
@Entity('collection')
export class Collection {
  @Field(() => ID, { description: 'Opaque collection id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store it belongs to.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'Title shown to shoppers.' })
  @Column('varchar', { length: 255 })
  title: string;

  @Field({ description: 'URL-friendly name, unique within the store.' })
  @Column('varchar', { length: 255 })
  handle: string;

  @Field({ description: 'Description (plain text or Markdown).' })
  @Column('text', { default: '' })
  description: string;

  @Field(() => CollectionKind, { description: 'MANUAL or AUTOMATED; fixed when created.' })
  @Column('varchar', { length: 16 })
  kind: CollectionKind;

  @Field(() => [CollectionRule], { description: 'The rules of an automated collection; empty for a manual one.' })
  @Column('jsonb', { default: () => "'[]'" })
  rules: CollectionRule[];

  @Field(() => CollectionRuleMatch, { description: 'Whether a product must meet ALL rules or ANY of them.' })
  @Column('varchar', { length: 3, default: CollectionRuleMatch.ALL })
  match: CollectionRuleMatch;

  @Field(() => CollectionSortOrder, { description: 'The order its products are listed in.' })
  @Column('varchar', { name: 'sort_order', length: 16 })
  sortOrder: CollectionSortOrder;

  @Field({ description: 'Whether shoppers see it; an unpublished collection is visible to the store staff only.' })
  @Column('boolean', { default: false })
  published: boolean;

  @VersionColumn()
  version: number;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
