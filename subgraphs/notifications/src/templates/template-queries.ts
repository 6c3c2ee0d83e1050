import { badUserInput, storeRequired, type SubgraphContext } from '@ultramarket/kit';
import { EMAIL_TEMPLATES, type EmailKind } from '../messages/email-templates';
import { categoryOf, defaultSources, renderMessage, TEMPLATE_KEYS, variablesFor } from './email-template-keys';
import { loadStoreTemplate, loadStoreTemplates, type StoreTemplate } from './store-templates';
import { loadStoreProfile } from './store-profile';
import { formatFor, supportedLocale } from './template-format';
import { sampleData } from './template-variable';
import { NotificationTemplate, NotificationTemplatePreview, NotificationTemplateVariable } from './template.types';
import type { NotificationTemplateDraftInput } from './template.inputs';
import { validateTemplate } from './validate-email-template';

/** The store the caller manages templates of (the token's store or X-Store-Id). */
export function templateStore(context: SubgraphContext): string {
  if (!context.caller.storeId) throw storeRequired();
  return context.caller.storeId;
}

/** A key's template as the API shows it: the store's own, or the default. */
export function templateView(key: EmailKind, own: StoreTemplate | null): NotificationTemplate {
  const sources = own ?? defaultSources(key);
  return Object.assign(new NotificationTemplate(), {
    key,
    description: EMAIL_TEMPLATES[key].description,
    category: categoryOf(key),
    subject: sources.subject,
    html: sources.html,
    text: sources.text,
    isCustomized: own !== null,
    updatedAt: own?.updatedAt ?? null,
    variables: variablesFor(key).map((variable) => NotificationTemplateVariable.of(variable)),
  });
}

/** Every email's template in the caller's store, in catalog order. */
export async function storeTemplates(context: SubgraphContext): Promise<NotificationTemplate[]> {
  const storeId = templateStore(context);
  const own = await context.storeDb.read((manager) => loadStoreTemplates(manager, storeId));
  return TEMPLATE_KEYS.map((key) => templateView(key, own.get(key) ?? null));
}

/** One email's template in the caller's store. */
export async function storeTemplate(context: SubgraphContext, key: EmailKind): Promise<NotificationTemplate> {
  const storeId = templateStore(context);
  return templateView(key, await context.storeDb.read((manager) => loadStoreTemplate(manager, storeId, key)));
}

/**
 * Renders a template with its key's sample data: the draft given (validated first: BAD_USER_INPUT naming the
 * part at fault), else the store's current template. In `locale` when given (BAD_USER_INPUT
 * when Intl does not know it), else the store's; always in the store's time zone.
 */
export async function previewTemplate(
  context: SubgraphContext,
  key: EmailKind,
  draft: NotificationTemplateDraftInput | null,
  locale: string | null,
): Promise<NotificationTemplatePreview> {
  const storeId = templateStore(context);
  const previewLocale = locale === null ? null : supportedLocale(locale);
  if (locale !== null && previewLocale === null)
    throw badUserInput(`Unknown locale ${locale}`, [{ field: ['locale'], message: 'not a locale this service knows' }]);
  if (draft) {
    const [problem] = validateTemplate(key, draft);
    if (problem) throw badUserInput(`The ${problem.part} ${problem.message}`, [{ field: ['draft', problem.part], message: problem.message }]);
  }
  const [profile, own] = await context.storeDb.read((manager) => Promise.all([loadStoreProfile(manager, storeId), loadStoreTemplate(manager, storeId, key)]));
  const format = formatFor(previewLocale ?? profile?.format.locale, profile?.format.timeZone);
  const rendered = renderMessage(
    { kind: key, variables: sampleData(EMAIL_TEMPLATES[key].variables) },
    { storeName: profile?.name ?? 'Your store', unsubscribeUrl: sampleData(variablesFor(key)).unsubscribeUrl as string | undefined },
    format,
    draft ?? own ?? defaultSources(key),
  );
  return Object.assign(new NotificationTemplatePreview(), { subject: rendered.subject, html: rendered.html, text: rendered.text, locale: format.locale });
}
