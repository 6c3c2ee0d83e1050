import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A tax rate of a store for a region (country, optionally a province, optionally a postal code prefix) and a
 * tax class (null: the store's standard class). The pricing engine picks the most specific matching rules.
 */
@ObjectType({ description: "A tax rate of the store for a region and tax class (the store's staff only)." })
@Entity('tax_rule')
export class TaxRule {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'What the tax line shows, e.g. "GST".' })
  @Column('varchar', { length: 255 })
  title: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  @Column('char', { name: 'country_code', length: 2 })
  countryCode: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2 subdivision without the country prefix; null for the whole country.' })
  @Column('varchar', { name: 'province_code', length: 3, nullable: true })
  provinceCode: string | null;

  @Field(() => String, { nullable: true, description: 'Postal codes starting with this (spaces ignored); null for the whole province or country.' })
  @Column('varchar', { name: 'postal_code_prefix', length: 20, nullable: true })
  postalCodePrefix: string | null;

  @Field(() => String, { nullable: true, description: "The products' tax class it applies to; null for the standard class." })
  @Column('varchar', { name: 'tax_class', length: 64, nullable: true })
  taxClass: string | null;

  @Field(() => Int, { description: 'Rate in basis points: 2000 is 20 %.' })
  @Column('integer', { name: 'rate_basis_points' })
  rateBasisPoints: number;

  @Field({ description: 'When it was created (UTC).' })
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
