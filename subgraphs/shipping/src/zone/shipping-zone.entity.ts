import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ShippingZoneRegion as ZoneRegion } from '@ultramarket/kit';

@ObjectType({ description: 'A place a zone covers: a whole country, one province of it, or the postal codes that begin with a prefix.' })
export class ShippingZoneRegion implements ZoneRegion {
  @Field({ description: 'ISO 3166-1 alpha-2 country code, upper case.' })
  countryCode: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2 subdivision without the country prefix (e.g. "BC"); null for the whole country.' })
  provinceCode: string | null;

  @Field(() => String, { nullable: true, description: 'Postal codes beginning with it (spaces and case ignored); null for every postal code.' })
  postalCodePrefix: string | null;
}

/** Where a store ships: a named list of regions; its shipping methods price deliveries there. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A named list of regions a store ships to; its methods are the rates offered to addresses in it.' })
@Entity('shipping_zone')
export class ShippingZone {
  @Field(() => ID, { description: 'Opaque zone id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store the zone belongs to.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'Name, unique within the store (case-insensitive).' })
  @Column('varchar', { length: 100 })
  name: string;

  @Field(() => [ShippingZoneRegion], { description: 'The regions the zone covers; an address in any of them is in the zone.' })
  @Column('jsonb')
  regions: ShippingZoneRegion[];

  @VersionColumn()
  version: number;

  @Field({ description: 'When the zone was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the zone last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
