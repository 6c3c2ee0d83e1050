import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A place a store keeps stock: a warehouse, a shop, a supplier that ships for it. */
@ObjectType({ description: 'A place where a store keeps stock.' })
@Entity('location')
export class Location {
  @Field(() => ID, { description: 'Opaque location id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'What the staff call it.' })
  @Column('varchar', { length: 255 })
  name: string;

  @Field({ description: 'A short code, unique in the store (the default location’s is "default").' })
  @Column('varchar', { length: 64 })
  code: string;

  @Field(() => String, { nullable: true, description: 'Street and number.' })
  @Column('varchar', { name: 'address_line1', length: 255, nullable: true })
  addressLine1: string | null;

  @Field(() => String, { nullable: true, description: 'Flat, floor, building.' })
  @Column('varchar', { name: 'address_line2', length: 255, nullable: true })
  addressLine2: string | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  @Column('varchar', { length: 255, nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true, description: 'State, province or region.' })
  @Column('varchar', { length: 255, nullable: true })
  province: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  @Column('varchar', { name: 'postal_code', length: 32, nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  @Column('char', { name: 'country_code', length: 2, nullable: true })
  countryCode: string | null;

  @Field(() => Int, { description: 'Reservations take stock from the active location with the lowest priority first (then the oldest).' })
  @Column('integer')
  priority: number;

  @Field({ description: 'Whether orders may be filled from here; stock at an inactive location is not for sale.' })
  @Column('boolean')
  active: boolean;

  @Field({ description: 'Whether this is the store’s default location, where new variants’ stock is kept.' })
  @Column('boolean', { name: 'is_default' })
  isDefault: boolean;

  @Field({ description: 'When the location was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the location last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
