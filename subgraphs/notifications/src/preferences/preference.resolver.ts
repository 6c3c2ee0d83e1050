import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { NotificationPreference, UpdateMyNotificationPreferencesInput, UpdateMyNotificationPreferencesPayload } from './preference.types';
import { myNotificationPreferences, updateMyNotificationPreferences } from './preferences';

@Resolver(() => NotificationPreference)
export class NotificationPreferenceResolver {
  @Authorized()
  @Query(() => [NotificationPreference], {
    description: "The signed-in customer's notification preferences in the request's store: every category on every channel (a fixed set: not paginated).",
  })
  myNotificationPreferences(@Ctx() context: SubgraphContext) {
    return myNotificationPreferences(context);
  }

  @Authorized()
  @Mutation(() => UpdateMyNotificationPreferencesPayload, {
    description: "The signed-in customer turns categories of messages on or off in the request's store; receipts and account security cannot be turned off.",
  })
  updateMyNotificationPreferences(
    @Arg('input', { description: 'The preferences to change.' }) input: UpdateMyNotificationPreferencesInput,
    @Ctx() context: SubgraphContext,
  ) {
    return updateMyNotificationPreferences(context, input);
  }
}
