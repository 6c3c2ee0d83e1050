import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { EmailKind } from '../messages/email-templates';
import { NotificationTemplate, NotificationTemplatePreview } from './template.types';
import { NotificationTemplateDraftInput, ResetNotificationTemplateInput, UpdateNotificationTemplateInput } from './template.inputs';
import { ResetNotificationTemplatePayload, UpdateNotificationTemplatePayload } from './template.payloads';
import { previewTemplate, storeTemplate, storeTemplates } from './template-queries';
import { resetNotificationTemplate, updateNotificationTemplate } from './manage-templates';

@Resolver(() => NotificationTemplate)
export class NotificationTemplateResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => [NotificationTemplate], {
    description: "Every email's template in the caller's store (one per NotificationTemplateKey, a fixed set: not paginated), for its staff.",
  })
  notificationTemplates(@Ctx() context: SubgraphContext) {
    return storeTemplates(context);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => NotificationTemplate, { description: "One email's template in the caller's store, for its staff." })
  notificationTemplate(@Arg('key', () => EmailKind, { description: 'Which email.' }) key: EmailKind, @Ctx() context: SubgraphContext) {
    return storeTemplate(context, key);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => NotificationTemplatePreview, {
    description: "An email rendered with its sample data: the draft given (validated like updateNotificationTemplate), else the store's template.",
  })
  previewNotificationTemplate(
    @Arg('key', () => EmailKind, { description: 'Which email.' }) key: EmailKind,
    @Arg('draft', () => NotificationTemplateDraftInput, { nullable: true, description: "A template to try; the store's current one when absent." })
    draft: NotificationTemplateDraftInput | null,
    @Arg('locale', () => String, { nullable: true, description: "Render in this locale (BCP 47, e.g. de-DE); the store's when absent." })
    locale: string | null,
    @Ctx() context: SubgraphContext,
  ) {
    return previewTemplate(context, key, draft ?? null, locale ?? null);
  }

  @Authorized(Role.MERCHANT)
  @Mutation(() => UpdateNotificationTemplatePayload, { description: "A merchant replaces the store's template for one email; the next such email uses it." })
  updateNotificationTemplate(
    @Arg('input', { description: 'The email and its new template.' }) input: UpdateNotificationTemplateInput,
    @Ctx() context: SubgraphContext,
  ) {
    return updateNotificationTemplate(context, input);
  }

  @Authorized(Role.MERCHANT)
  @Mutation(() => ResetNotificationTemplatePayload, { description: "A merchant goes back to the platform's default template for one email." })
  resetNotificationTemplate(@Arg('input', { description: 'The email.' }) input: ResetNotificationTemplateInput, @Ctx() context: SubgraphContext) {
    return resetNotificationTemplate(context, input);
  }
}
