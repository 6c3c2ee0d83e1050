import { Field, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, ValidateNested } from 'class-validator';
import { UserError } from '@ultramarket/kit';
import { NotificationCategory } from './notification-category';
import { NotificationChannel } from './notification-channel';

@ObjectType({ description: 'Whether the signed-in customer receives one category of messages on one channel in this store.' })
export class NotificationPreference {
  @Field(() => NotificationCategory, { description: 'What the messages are about.' })
  category: NotificationCategory;

  @Field(() => NotificationChannel, { description: 'How they arrive.' })
  channel: NotificationChannel;

  @Field({ description: 'Whether they are sent.' })
  enabled: boolean;

  @Field({ description: 'False for the emails the customer is owed (receipts, account security): always sent.' })
  canDisable: boolean;
}

@InputType({ description: 'One category on one channel, on or off.' })
export class NotificationPreferenceInput {
  @Field(() => NotificationCategory, { description: 'What the messages are about.' })
  category: NotificationCategory;

  @Field(() => NotificationChannel, { description: 'How they arrive.' })
  channel: NotificationChannel;

  @Field({ description: 'Whether to send them.' })
  enabled: boolean;
}

@InputType({ description: "Changes the signed-in customer's notification preferences in the request's store." })
export class UpdateMyNotificationPreferencesInput {
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Field(() => [NotificationPreferenceInput], { description: 'The preferences to change (1 to 20); the others stay as they are.' })
  preferences: NotificationPreferenceInput[];
}

@ObjectType({ description: 'Result of updateMyNotificationPreferences.' })
export class UpdateMyNotificationPreferencesPayload {
  @Field(() => [NotificationPreference], { nullable: true, description: 'All the preferences as they now are; null when nothing was changed.' })
  preferences: NotificationPreference[] | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];
}
