import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { EMAIL_TEMPLATES, EmailKind } from '../messages/email-templates';
import { NotificationCategory } from '../preferences/notification-category';
import { typeName, type TemplateVariable } from './template-variable';

registerEnumType(EmailKind, {
  name: 'NotificationTemplateKey',
  description: 'Every email the platform sends, each with its own template and documented variables (docs/notifications.md).',
  valuesConfig: Object.fromEntries(Object.values(EmailKind).map((key) => [key, { description: EMAIL_TEMPLATES[key].description }])),
});

@ObjectType({ description: 'A variable a template key offers its templates.' })
export class NotificationTemplateVariable {
  @Field({ description: 'The name to write in the template, e.g. orderNumber in {{orderNumber}}.' })
  name: string;

  @Field({
    description: 'Its type: String, Int, Money (print with {{money x}}), DateTime ({{date x}}, {{dateTime x}}), a list of items; "?" when it may be null.',
  })
  type: string;

  @Field({ description: 'What it holds.' })
  description: string;

  @Field({ description: 'The value previews render, as JSON.' })
  sampleJson: string;

  @Field(() => [NotificationTemplateVariable], { description: "A list's item fields, available inside {{#each name}}; empty otherwise." })
  items: NotificationTemplateVariable[];

  static of(variable: TemplateVariable): NotificationTemplateVariable {
    return Object.assign(new NotificationTemplateVariable(), {
      name: variable.name,
      type: typeName(variable),
      description: variable.description,
      sampleJson: JSON.stringify(variable.sample),
      items: (variable.items ?? []).map((item) => NotificationTemplateVariable.of(item)),
    });
  }
}

@ObjectType({ description: "A store's template for one email: its own, or the default the platform ships." })
export class NotificationTemplate {
  @Field(() => EmailKind, { description: 'Which email.' })
  key: EmailKind;

  @Field({ description: 'When the platform sends it.' })
  description: string;

  @Field(() => NotificationCategory, { description: 'What it is about; decides whether customers may turn it off.' })
  category: NotificationCategory;

  @Field({ description: 'The subject (Handlebars, plain text).' })
  subject: string;

  @Field({ description: 'The HTML part (Handlebars; every value is HTML-escaped).' })
  html: string;

  @Field({ description: 'The plain-text part (Handlebars).' })
  text: string;

  @Field({ description: 'True when the store has its own template; false when the default is used.' })
  isCustomized: boolean;

  @Field(() => Date, { nullable: true, description: 'When the store last changed its template; null for the default.' })
  updatedAt: Date | null;

  @Field(() => [NotificationTemplateVariable], { description: 'The variables the template may use (anything else is refused).' })
  variables: NotificationTemplateVariable[];
}

@ObjectType({ description: 'A template rendered with its sample data.' })
export class NotificationTemplatePreview {
  @Field({ description: 'The rendered subject.' })
  subject: string;

  @Field({ description: 'The rendered HTML part.' })
  html: string;

  @Field({ description: 'The rendered plain-text part.' })
  text: string;

  @Field({ description: 'The locale it was rendered in (BCP 47).' })
  locale: string;
}
