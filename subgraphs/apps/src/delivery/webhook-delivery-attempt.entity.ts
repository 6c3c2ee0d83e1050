import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One try of a delivery, kept in the log whether it succeeded or not. */
@ObjectType({ description: 'One attempt to send a webhook delivery.' })
@Entity('webhook_delivery_attempt')
export class WebhookDeliveryAttempt {
  @Field(() => ID, { description: 'Opaque attempt id.' })
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId: string;

  @Field(() => Int, { description: '1 for the first attempt of the delivery, then 2, 3, …' })
  @Column('integer', { name: 'attempt_number' })
  attemptNumber: number;

  @Field({ description: 'Whether the endpoint answered 2xx in time.' })
  @Column('boolean')
  succeeded: boolean;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when no answer came (refused, timed out, TLS failed).' })
  @Column('integer', { name: 'response_code', nullable: true })
  responseCode: number | null;

  @Field(() => Int, { description: 'Milliseconds from the start of the attempt to its end.' })
  @Column('integer', { name: 'latency_ms' })
  latencyMs: number;

  @Field(() => String, { nullable: true, description: 'The start of the response body (at most WEBHOOK_RESPONSE_MAX_BYTES bytes); null without one.' })
  @Column('text', { name: 'response_body', nullable: true })
  responseBody: string | null;

  @Field(() => String, { nullable: true, description: 'Why the attempt failed without a 2xx (e.g. a timeout or a refused address); null otherwise.' })
  @Column('varchar', { length: 500, nullable: true })
  error: string | null;

  @Field({ description: 'When the attempt started (UTC).' })
  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt: Date;
}
