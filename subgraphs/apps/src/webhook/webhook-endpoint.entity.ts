import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { WebhookEndpointStatus } from './webhook-endpoint-status';

/**
 * A store's HTTPS endpoint subscribed to event topics. Its signing secrets are sealed columns that never reach the
 * schema: the secret is shown once, by createWebhookEndpoint and rotateWebhookSecret.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An HTTPS endpoint of a store that receives signed webhook deliveries for the topics it subscribes to.' })
@Entity('webhook_endpoint')
export class WebhookEndpoint {
  @Field(() => ID, { description: 'Opaque endpoint id.' })
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'Where deliveries are POSTed: an https URL (see docs/webhooks.md for the address rules).' })
  @Column('varchar', { length: 2048 })
  url: string;

  @Field({ description: 'The staff’s note on what the endpoint is for; may be empty.' })
  @Column('varchar', { length: 500 })
  description: string;

  @Field(() => [String], { description: 'Topics it receives: event subjects such as orders.created, or <domain>.* for all of a domain.' })
  @Column('text', { array: true })
  topics: string[];

  @Field(() => WebhookEndpointStatus, { description: 'Whether it receives deliveries.' })
  @Column('varchar', { length: 8 })
  status: WebhookEndpointStatus;

  @Field(() => String, { nullable: true, description: 'Why it was disabled (by the staff or after sustained failure); null while enabled.' })
  @Column('varchar', { name: 'disabled_reason', length: 500, nullable: true })
  disabledReason: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was disabled (UTC); null while enabled.' })
  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column('text', { name: 'sealed_secret' })
  sealedSecret: string;

  @Column('text', { name: 'sealed_previous_secret', nullable: true })
  sealedPreviousSecret: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Until when deliveries also carry a signature with the secret before the last rotation (UTC); null when none.',
  })
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Field(() => Int, { description: 'Attempts that failed in a row since the last success.' })
  @Column('integer', { name: 'consecutive_failures' })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true, description: 'When the current run of failures began (UTC); null after a success.' })
  @Column('timestamptz', { name: 'failing_since', nullable: true })
  failingSince: Date | null;

  @Column('integer')
  version: number;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
