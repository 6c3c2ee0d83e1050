import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { NotificationTemplate } from './template.types';

@ObjectType({ description: 'Result of a template mutation.' })
export class NotificationTemplatePayload {
  @Field(() => NotificationTemplate, { nullable: true, description: 'The template as it now is; null when nothing was changed.' })
  template: NotificationTemplate | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends NotificationTemplatePayload>(this: new () => T, template: NotificationTemplate): T {
    return Object.assign(new this(), { template, userErrors: [] });
  }

  static failed<T extends NotificationTemplatePayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { template: null, userErrors });
  }
}

@ObjectType({ description: 'Result of updateNotificationTemplate.' })
export class UpdateNotificationTemplatePayload extends NotificationTemplatePayload {}

@ObjectType({ description: 'Result of resetNotificationTemplate.' })
export class ResetNotificationTemplatePayload extends NotificationTemplatePayload {}
