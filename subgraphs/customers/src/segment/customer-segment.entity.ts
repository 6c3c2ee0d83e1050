import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { SegmentCondition, SegmentMatch, SegmentRules } from './segment-rules';

/** A named group of a store's customers defined by rules; its members are kept in customer_segment_member. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A named group of a store's customers, defined by rules and kept current as customers change." })
@Entity('customer_segment')
export class CustomerSegment {
  @Field(() => ID, { description: 'Opaque segment id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store the segment belongs to.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'Name, unique within the store (case-insensitive).' })
  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 3 })
  match: SegmentMatch;

  @Column('jsonb')
  conditions: SegmentCondition[];

  @VersionColumn()
  version: number;

  @Field({ description: 'When the segment was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the segment last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => SegmentRules, { description: 'Who belongs: conditions joined by AND (ALL) or OR (ANY).' })
  get rules(): SegmentRules {
    return Object.assign(new SegmentRules(), {
      match: this.match,
      conditions: this.conditions.map((condition) => Object.assign(new SegmentCondition(), condition)),
    });
  }
}
