import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintAsNumber, Money, type ShippingRateRule } from '@ultramarket/kit';
import { ShippingCarrier } from '../carrier/shipping-carrier.type';
import { ShippingMethodRate, ShippingRateKind } from './shipping-rate.types';

/** A way a store ships to the addresses of one zone, with its rate rule and carrier. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A way a store ships to the addresses of a zone: its rate rule, free-over threshold and carrier.' })
@Entity('shipping_method')
export class ShippingMethod {
  @Field(() => ID, { description: 'Opaque method id; a cart chooses it as its shipping rate.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store the method belongs to.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The zone whose addresses it ships to.' })
  @Column('uuid', { name: 'zone_id' })
  zoneId: string;

  @Field({ description: 'Name shoppers see, unique within its zone (case-insensitive).' })
  @Column('varchar', { length: 100 })
  name: string;

  @Field({ description: 'ISO 4217 currency of its amounts: offered only to carts in this currency.' })
  @Column('char', { name: 'currency_code', length: 3 })
  currencyCode: string;

  @Column('jsonb', { name: 'rate' })
  rateRule: ShippingRateRule;

  @Column('bigint', { name: 'free_over_subtotal', nullable: true, transformer: bigintAsNumber })
  freeOverSubtotalAmount: number | null;

  @Field(() => String, { nullable: true, description: "Tax class of shipping by this method; null for the store's standard rate." })
  @Column('varchar', { name: 'tax_class', length: 64, nullable: true })
  taxClass: string | null;

  @Column('varchar', { name: 'carrier_code', length: 32 })
  carrierCode: string;

  @Column('varchar', { name: 'carrier_name', length: 100 })
  carrierName: string;

  @Column('varchar', { name: 'tracking_url_template', length: 500, nullable: true })
  trackingUrlTemplate: string | null;

  @VersionColumn()
  version: number;

  @Field({ description: 'When the method was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the method last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Field(() => ShippingMethodRate, { description: 'How it prices.' })
  get rate(): ShippingMethodRate {
    const money = (amount: number) => Money.of(amount, this.currencyCode);
    const rule = this.rateRule;
    return Object.assign(new ShippingMethodRate(), {
      kind: ShippingRateKind[rule.kind],
      amount: rule.kind === 'FLAT' ? money(rule.amount) : null,
      weightBrackets:
        rule.kind === 'BY_WEIGHT'
          ? rule.brackets.map((bracket) => ({ minWeightGrams: bracket.minWeightGrams, maxWeightGrams: bracket.maxWeightGrams, amount: money(bracket.amount) }))
          : [],
      priceBands:
        rule.kind === 'BY_PRICE'
          ? rule.bands.map((band) => ({
              minSubtotal: money(band.minSubtotal),
              maxSubtotal: band.maxSubtotal === null ? null : money(band.maxSubtotal),
              amount: money(band.amount),
            }))
          : [],
    });
  }

  @Field(() => Money, { nullable: true, description: 'A cart subtotal at or above it ships for nothing; null for never.' })
  get freeOverSubtotal(): Money | null {
    return this.freeOverSubtotalAmount === null ? null : Money.of(this.freeOverSubtotalAmount, this.currencyCode);
  }

  @Field(() => ShippingCarrier, { description: 'Who carries its parcels.' })
  get carrier(): ShippingCarrier {
    return Object.assign(new ShippingCarrier(), { code: this.carrierCode, name: this.carrierName, trackingUrlTemplate: this.trackingUrlTemplate });
  }
}
