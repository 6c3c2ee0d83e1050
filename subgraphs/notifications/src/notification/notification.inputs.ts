import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsUUID } from 'class-validator';

@InputType({ description: 'The notification to mark as read.' })
export class MarkNotificationReadInput {
  @IsUUID()
  @Field(() => ID, { description: 'Id of a notification the caller can see.' })
  id: string;
}

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (`pageInfo.endCursor`).' })
  after?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Only notifications the caller has not read yet (default false).' })
  unreadOnly?: boolean | null;
}
