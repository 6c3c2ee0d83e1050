import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { WebhookDeliveryStatus } from './webhook-delivery-status';

@InputType({ description: 'Which deliveries of the log to list; every condition given must hold.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Only this endpoint’s.' })
  @IsOptional()
  endpointId?: string | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  @IsOptional()
  status?: WebhookDeliveryStatus | null;

  @Field(() => String, { nullable: true, description: 'Only this topic, e.g. orders.created.' })
  @IsOptional()
  @MaxLength(100)
  topic?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only deliveries queued at or after this time (UTC).' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only deliveries queued before this time (UTC).' })
  @IsOptional()
  to?: Date | null;
}
