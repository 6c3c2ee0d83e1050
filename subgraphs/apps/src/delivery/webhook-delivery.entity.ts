import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { WebhookDeliveryStatus } from './webhook-delivery-status';

/** One event for one endpoint (or a redelivery of one): the payload as sent, and where it is. */
@ObjectType({ description: 'One event sent (or to be sent) to one webhook endpoint, with its attempts.' })
@Entity('webhook_delivery')
export class WebhookDelivery {
  @Field(() => ID, { description: 'Opaque delivery id; also the UltraMarket-Webhook-Id header and the payload’s id.' })
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The endpoint it is for.' })
  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  @Field(() => ID, { description: 'The event it carries (the same for a redelivery).' })
  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Field({ description: 'The event’s topic, e.g. orders.created.' })
  @Column('varchar', { length: 100 })
  topic: string;

  @Field({ description: 'The resource the event is about (e.g. the order id); deliveries of one resource go out in order.' })
  @Column('varchar', { name: 'resource_id', length: 200 })
  resourceId: string;

  @Field(() => Int, { description: 'The resource’s version after the event: receivers order and dedupe by it.' })
  @Column('integer')
  sequence: number;

  @Field({ description: 'When the event occurred (UTC).' })
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Field({ description: 'The JSON body as sent (see docs/webhooks.md).' })
  @Column('text')
  body: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where it is.' })
  @Column('varchar', { length: 9 })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Column('integer')
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When it is tried next (UTC); null once it succeeded or was given up.' })
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last tried (UTC); null before the first attempt.' })
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer; null when none came.' })
  @Column('integer', { name: 'last_response_code', nullable: true })
  lastResponseCode: number | null;

  @Field(() => ID, { nullable: true, description: 'The delivery this one sends again (redeliverWebhook, replayWebhooks); null for the first.' })
  @Column('uuid', { name: 'redelivery_of', nullable: true })
  redeliveryOf: string | null;

  @Field({ description: 'When it was queued (UTC).' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it succeeded or was given up (UTC).' })
  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;
}
