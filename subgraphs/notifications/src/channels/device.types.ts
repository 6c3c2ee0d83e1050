import { Field, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { UserError } from '@ultramarket/kit';
import { DeviceChannel } from './channel-provider';

@ObjectType({ description: 'A phone or app the signed-in customer receives notifications on, in this store.' })
export class NotificationDevice {
  @Field(() => DeviceChannel, { description: 'SMS (a phone number) or PUSH (an app’s device token).' })
  channel: DeviceChannel;

  @Field({ description: 'The phone number (E.164) or the push token.' })
  address: string;

  @Field({ description: 'When it was registered.' })
  createdAt: Date;
}

@InputType({ description: 'A phone number or push token to receive notifications on.' })
export class RegisterNotificationDeviceInput {
  @Field(() => DeviceChannel, { description: 'SMS or PUSH.' })
  channel: DeviceChannel;

  @MaxLength(512)
  @Field({
    description:
      'SMS: a phone number in E.164 form (+4915112345678); one per customer and store, a new one replaces it. PUSH: the device token (at most 512 characters); at most 10 per customer and store, the oldest dropped.',
  })
  address: string;
}

@InputType({ description: 'A registered phone number or push token to stop notifications on.' })
export class RemoveNotificationDeviceInput {
  @Field(() => DeviceChannel, { description: 'SMS or PUSH.' })
  channel: DeviceChannel;

  @MaxLength(512)
  @Field({ description: 'The phone number or push token.' })
  address: string;
}

@ObjectType({ description: 'Result of registerNotificationDevice.' })
export class RegisterNotificationDevicePayload {
  @Field(() => NotificationDevice, { nullable: true, description: 'The device registered; null when nothing was.' })
  device: NotificationDevice | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'Result of removeNotificationDevice.' })
export class RemoveNotificationDevicePayload {
  @Field({ description: 'Whether a registered device was removed.' })
  removed: boolean;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];
}
