import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from 'class-validator';

@InputType({ description: 'A new webhook endpoint of the caller’s store.' })
export class CreateWebhookEndpointInput {
  @Field({ description: 'Where deliveries are POSTed: an https URL whose host resolves to public addresses only.' })
  @MaxLength(2048)
  url: string;

  @Field(() => [String], { description: 'Topics to receive (see webhookTopics), e.g. ["orders.created", "payments.*"]; 1–50.' })
  @ArrayMaxSize(50)
  topics: string[];

  @Field(() => String, { nullable: true, description: 'What the endpoint is for (at most 500 characters); empty when absent.' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;
}

@InputType({ description: 'What to change in a webhook endpoint; absent fields stay as they are.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'A new https URL, checked as on creation.' })
  @IsOptional()
  @MaxLength(2048)
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new list of topics (replaces the old one; 1–50).' })
  @IsOptional()
  @ArrayMaxSize(50)
  topics?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A new description (at most 500 characters).' })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;
}

@InputType({ description: 'The webhook endpoint to enable.' })
export class EnableWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id: string;
}

@InputType({ description: 'The webhook endpoint to disable.' })
export class DisableWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id: string;
}

@InputType({ description: 'The webhook endpoint to delete, with its delivery log.' })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id: string;
}

@InputType({ description: 'A new signing secret for an endpoint, the old one still signing for a while.' })
export class RotateWebhookSecretInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id: string;

  @Field(() => Int, {
    nullable: true,
    description: 'How many seconds deliveries also carry the old secret’s signature (0–604800); WEBHOOK_SECRET_OVERLAP when absent.',
  })
  @IsOptional()
  @Min(0)
  @Max(604_800)
  overlapSeconds?: number | null;
}

@InputType({ description: 'A delivery to send again.' })
export class RedeliverWebhookInput {
  @Field(() => ID, { description: 'The delivery from the log whose payload is sent again, as a new delivery.' })
  deliveryId: string;
}

@InputType({ description: 'A time range of an endpoint’s deliveries to send again.' })
export class ReplayWebhooksInput {
  @Field(() => ID, { description: 'The endpoint.' })
  endpointId: string;

  @Field({ description: 'Events that occurred at or after this time (UTC).' })
  from: Date;

  @Field({ description: 'Events that occurred before this time (UTC); at most 31 days after from.' })
  to: Date;
}
