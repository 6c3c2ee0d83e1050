import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import {
  NotificationDevice,
  RegisterNotificationDeviceInput,
  RegisterNotificationDevicePayload,
  RemoveNotificationDeviceInput,
  RemoveNotificationDevicePayload,
} from './device.types';
import { myNotificationDevices, registerNotificationDevice, removeNotificationDevice } from './devices';

@Resolver(() => NotificationDevice)
export class NotificationDeviceResolver {
  @Authorized()
  @Query(() => [NotificationDevice], { description: "The signed-in customer's phone and push tokens in the request's store (at most 11: not paginated)." })
  myNotificationDevices(@Ctx() context: SubgraphContext) {
    return myNotificationDevices(context);
  }

  @Authorized()
  @Mutation(() => RegisterNotificationDevicePayload, {
    description: "The signed-in customer receives the store's notifications on a phone (SMS) or app (push) too, per their preferences.",
  })
  registerNotificationDevice(
    @Arg('input', { description: 'The phone number or push token.' }) input: RegisterNotificationDeviceInput,
    @Ctx() context: SubgraphContext,
  ) {
    return registerNotificationDevice(context, input);
  }

  @Authorized()
  @Mutation(() => RemoveNotificationDevicePayload, { description: 'The signed-in customer stops notifications on a phone or app.' })
  removeNotificationDevice(
    @Arg('input', { description: 'The phone number or push token.' }) input: RemoveNotificationDeviceInput,
    @Ctx() context: SubgraphContext,
  ) {
    return removeNotificationDevice(context, input);
  }
}
