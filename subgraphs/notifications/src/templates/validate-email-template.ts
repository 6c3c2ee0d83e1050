import type { EmailKind } from '../messages/email-templates';
import { variablesFor } from './email-template-keys';
import type { TemplateSources } from './render-template';
import { validateTemplatePart, type TemplateProblem } from './validate-template';

/** Every problem of a template's three parts against its key's variables (subject, then HTML, then text). */
export function validateTemplate(key: EmailKind, sources: TemplateSources): TemplateProblem[] {
  const variables = variablesFor(key);
  const blank = (['subject', 'html', 'text'] as const).filter((part) => sources[part].trim() === '').map((part) => ({ part, message: 'is empty' }));
  if (blank.length > 0) return blank;
  return [
    ...validateTemplatePart('subject', sources.subject, variables),
    ...validateTemplatePart('html', sources.html, variables),
    ...validateTemplatePart('text', sources.text, variables),
  ];
}
