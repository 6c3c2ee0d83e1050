import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One of a customer's addresses; exactly one is the default while any exist. */
@ObjectType({ description: "One of a customer's addresses." })
@Entity('customer_address')
export class CustomerAddress {
  @Field(() => ID, { description: 'Opaque address id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The customer the address belongs to.' })
  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Field({ description: 'Recipient name.' })
  @Column('varchar', { length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Company name.' })
  @Column('varchar', { length: 200, nullable: true })
  company: string | null;

  @Field({ description: 'Street address.' })
  @Column('varchar', { length: 200 })
  line1: string;

  @Field(() => String, { nullable: true, description: 'Apartment, suite, etc.' })
  @Column('varchar', { length: 200, nullable: true })
  line2: string | null;

  @Field({ description: 'City.' })
  @Column('varchar', { length: 100 })
  city: string;

  @Field(() => String, { nullable: true, description: 'State, province or region.' })
  @Column('varchar', { length: 100, nullable: true })
  province: string | null;

  @Field({ description: 'Postal code.' })
  @Column('varchar', { name: 'postal_code', length: 20 })
  postalCode: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "US".' })
  @Column('char', { name: 'country_code', length: 2 })
  countryCode: string;

  @Field(() => String, { nullable: true, description: 'Phone number at this address.' })
  @Column('varchar', { length: 32, nullable: true })
  phone: string | null;

  @Field({ description: "Whether this is the customer's default address." })
  @Column('boolean', { name: 'is_default', default: false })
  isDefault: boolean;

  @Field({ description: 'When the address was added (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the address last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
