import { PageArgs } from '@ultramarket/kit';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsUUID } from 'class-validator';

@InputType({ description: 'The notification to mark as read.' })
export class MarkNotificationReadInput {
  @IsUUID()
  @Field(() => ID, { description: 'Id of a notification the caller can see.' })
  id: string;
}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Only notifications the caller has not read yet (default false).' })
  unreadOnly?: boolean | null;
}
