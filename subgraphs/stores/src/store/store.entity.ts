import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StoreStatus } from '@ultramarket/kit';
import { StoreSettings } from './store-settings';
import { StoreTheme } from './store-theme';

/**
 * A store on the platform (a tenant). The table and the GraphQL type share this class; `settings`
 * reaches the schema through a field resolver that shows it to the store's staff only.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A store on the platform: its addresses, regional defaults, look and status.' })
@Entity('store')
export class Store {
  @Field(() => ID, { description: 'Opaque store id; also the tenant id every other subgraph scopes by.' })
  @PrimaryColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The user who created the store and owns it.' })
  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  @Field({ description: 'Name shown to shoppers.' })
  @Column('varchar', { length: 100 })
  name: string;

  @Field({ description: 'URL-friendly name, unique on the platform, generated from the name at creation and never changed.' })
  @Column('varchar', { length: 63 })
  slug: string;

  @Field({ description: 'The platform address of the storefront: <slug>.<platform domain>.' })
  @Column('varchar', { length: 253 })
  domain: string;

  /** The merchant's own host name; it serves the store once verified (a field resolver shows it). */
  @Column('varchar', { name: 'custom_domain', length: 253, nullable: true })
  customDomain: string | null;

  /** What the merchant publishes in DNS to prove they control `customDomain` (custom-domain/domain-challenge.ts). */
  @Column('varchar', { name: 'custom_domain_token', length: 100, nullable: true })
  customDomainToken: string | null;

  /** When the custom domain was proven; until then it serves nothing and holds nothing. */
  @Column({ name: 'custom_domain_verified_at', type: 'timestamptz', precision: 3, nullable: true })
  customDomainVerifiedAt: Date | null;

  @Field({ description: 'Contact email of the store.' })
  @Column('varchar', { length: 254 })
  email: string;

  @Field(() => String, { nullable: true, description: 'Contact phone number (E.164, e.g. +14155550100).' })
  @Column('varchar', { length: 16, nullable: true })
  phone: string | null;

  @Field({ description: 'ISO 4217 code of the currency the store sells in, e.g. USD.' })
  @Column('char', { length: 3 })
  currency: string;

  @Field({ description: 'BCP 47 language tag of the storefront, e.g. en-US.' })
  @Column('varchar', { length: 35 })
  locale: string;

  @Field({ description: 'IANA time zone of the store, e.g. Europe/Berlin.' })
  @Column('varchar', { length: 64 })
  timezone: string;

  @Column('jsonb')
  settings: StoreSettings;

  @Field(() => StoreTheme, { description: 'How the storefront looks.' })
  @Column('jsonb')
  theme: StoreTheme;

  @Field(() => StoreStatus, { description: 'ACTIVE, PAUSED, SUSPENDED or CLOSED.' })
  @Column('varchar', { length: 16 })
  status: StoreStatus;

  /** Why the status last changed (shown to the store's staff in the admin). */
  @Column('varchar', { name: 'status_reason', length: 500, nullable: true })
  statusReason: string | null;

  /** Bumped on every change (staff changes included); the aggregateVersion of the store's events. */
  @Column('integer')
  version: number;

  @Field({ description: 'When the store was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When the store last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
