import { Field, InputType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { EmailKind } from '../messages/email-templates';

/** Bounds on a template's parts: generous for real emails, small enough that a store cannot fill the database. */
export const MAX_SUBJECT_LENGTH = 500;
export const MAX_BODY_LENGTH = 100_000;

@InputType({ description: "A template's three parts, in Handlebars." })
export class NotificationTemplateDraftInput {
  @MaxLength(MAX_SUBJECT_LENGTH)
  @Field({ description: `The subject (plain text, at most ${MAX_SUBJECT_LENGTH} characters; line breaks are folded).` })
  subject: string;

  @MaxLength(MAX_BODY_LENGTH)
  @Field({ description: `The HTML part (at most ${MAX_BODY_LENGTH} characters; every value is HTML-escaped, {{{ }}} is refused).` })
  html: string;

  @MaxLength(MAX_BODY_LENGTH)
  @Field({ description: `The plain-text part (at most ${MAX_BODY_LENGTH} characters).` })
  text: string;
}

@InputType({ description: "Replaces the store's template for one email." })
export class UpdateNotificationTemplateInput extends NotificationTemplateDraftInput {
  @Field(() => EmailKind, { description: 'Which email.' })
  key: EmailKind;
}

@InputType({ description: "Goes back to the platform's default template for one email." })
export class ResetNotificationTemplateInput {
  @Field(() => EmailKind, { description: 'Which email.' })
  key: EmailKind;
}
