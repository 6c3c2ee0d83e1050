import { EMAIL_TEMPLATES, EmailKind, type EmailTemplateData } from '../messages/email-templates';
import { NotificationCategory } from '../preferences/notification-category';
import type { TemplateVariable } from './template-variable';
import { renderTemplate, type RenderedParts, type TemplateSources } from './render-template';
import { DEFAULT_FORMAT, type TemplateFormat } from './template-format';

/** Variables every email offers, filled in when it is rendered (a key's own variable of the same name wins). */
const CONTEXT_VARIABLES: TemplateVariable[] = [
  {
    name: 'storeName',
    type: 'String',
    description: "The store's name as set in the stores subgraph (UltraMarket for account emails).",
    sample: 'Acme Outdoor',
  },
];
/** Marketing emails also get the one-click unsubscribe link (also sent as the List-Unsubscribe header). */
const MARKETING_VARIABLES: TemplateVariable[] = [
  {
    name: 'unsubscribeUrl',
    type: 'String',
    nullable: true,
    description: "The recipient's one-click unsubscribe link for this store's marketing emails (null in previews without a recipient).",
    sample: 'https://api.example/notifications/unsubscribe?token=sample',
  },
];

export const TEMPLATE_KEYS: readonly EmailKind[] = Object.values(EmailKind);

export const categoryOf = (key: EmailKind): NotificationCategory => EMAIL_TEMPLATES[key].category;

/** The documented variables of a key: its own, then the context ones it does not define itself. */
export function variablesFor(key: EmailKind): TemplateVariable[] {
  const own = EMAIL_TEMPLATES[key].variables;
  const context = [...CONTEXT_VARIABLES, ...(categoryOf(key) === NotificationCategory.MARKETING ? MARKETING_VARIABLES : [])];
  return [...own, ...context.filter((variable) => !own.some((mine) => mine.name === variable.name))];
}

const GREETING = 'Hello,';
const SIGN_OFF = 'Thank you for shopping with us,\nUltraMarket';
const asHtmlParagraph = (paragraph: string) => `<p>${paragraph.replace(/\n/g, '<br>\n')}</p>`;

/** The template a key ships with: the text part joins its paragraphs, the HTML part puts each in a paragraph. */
export function defaultSources(key: EmailKind): TemplateSources {
  const { subject, paragraphs } = EMAIL_TEMPLATES[key];
  const all = [GREETING, ...paragraphs, SIGN_OFF];
  return { subject, text: all.join('\n\n'), html: all.map(asHtmlParagraph).join('\n') };
}

/** An email as a handler asks for it: its key and variables; the store's template is applied when it is queued. */
export interface EmailMessage {
  kind: EmailKind;
  variables: Record<string, unknown>;
}

export function emailMessage<K extends EmailKind>(kind: K, data: EmailTemplateData[K]): EmailMessage {
  return { kind, variables: EMAIL_TEMPLATES[kind].variablesOf(data) };
}

/** What the rendering adds to a message's variables: the store's name, and for marketing the unsubscribe link. */
export interface RenderContext {
  storeName: string;
  unsubscribeUrl?: string | null;
}

export const PLATFORM_CONTEXT: RenderContext = { storeName: 'UltraMarket' };

/** Renders a message with a template (the store's, or the default). */
export function renderMessage(
  message: EmailMessage,
  context: RenderContext = PLATFORM_CONTEXT,
  format: TemplateFormat = DEFAULT_FORMAT,
  sources: TemplateSources = defaultSources(message.kind),
): RenderedParts & { kind: EmailKind } {
  const data = { unsubscribeUrl: null, ...context, ...message.variables };
  return { kind: message.kind, ...renderTemplate(sources, data, format) };
}

/** Renders an email with its default template, in the default format: what a store without its own template sends. */
export function renderEmail<K extends EmailKind>(kind: K, data: EmailTemplateData[K]): RenderedParts & { kind: EmailKind } {
  return renderMessage(emailMessage(kind, data));
}
