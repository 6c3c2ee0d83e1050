import { traceOf, type SubgraphContext } from '@ultramarket/kit';
import { deleteStoreTemplate, saveStoreTemplate } from './store-templates';
import { templateView } from './template-queries';
import { validateTemplate } from './validate-email-template';
import { TemplateErrors } from './template-errors';
import { ResetNotificationTemplatePayload, UpdateNotificationTemplatePayload } from './template.payloads';
import type { ResetNotificationTemplateInput, UpdateNotificationTemplateInput } from './template.inputs';

/**
 * The store's own template for one email, used from the next email on. Refused with INVALID_TEMPLATE (the part as
 * `field`), nothing written, when a part is empty, does not compile, or uses a variable, helper or construct outside
 * the key's documented set (see validateTemplatePart).
 */
export async function updateNotificationTemplate(context: SubgraphContext, input: UpdateNotificationTemplateInput): Promise<UpdateNotificationTemplatePayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return UpdateNotificationTemplatePayload.failed(TemplateErrors.storeRequired());
  const sources = { subject: input.subject, html: input.html, text: input.text };
  const problems = validateTemplate(input.key, sources);
  if (problems.length > 0) return UpdateNotificationTemplatePayload.failed(...problems.map((problem) => TemplateErrors.invalidTemplate(problem)));
  const saved = await context.unitOfWork.run(traceOf(context), (tx) => saveStoreTemplate(tx.manager, storeId, input.key, sources, context.caller.userId));
  return UpdateNotificationTemplatePayload.ok(templateView(input.key, saved));
}

/** Back to the platform's default template for one email (a store with none of its own changes nothing). */
export async function resetNotificationTemplate(context: SubgraphContext, input: ResetNotificationTemplateInput): Promise<ResetNotificationTemplatePayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return ResetNotificationTemplatePayload.failed(TemplateErrors.storeRequired());
  await context.unitOfWork.run(traceOf(context), (tx) => deleteStoreTemplate(tx.manager, storeId, input.key));
  return ResetNotificationTemplatePayload.ok(templateView(input.key, null));
}
