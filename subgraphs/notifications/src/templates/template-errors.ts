import { UserError } from '@ultramarket/kit';
import type { TemplateProblem } from './validate-template';

/** The userErrors template mutations answer (each code is listed in docs/errors.md). */
export const TemplateErrors = {
  storeRequired: () => UserError.of('STORE_REQUIRED', 'Name the store (a store token or X-Store-Id) whose templates you manage'),
  /** A part that does not compile, or uses a variable, helper or construct outside its key's set. */
  invalidTemplate: (problem: TemplateProblem, field: string[] = ['input', problem.part]) =>
    UserError.of('INVALID_TEMPLATE', `The ${problem.part} ${problem.message}`, field),
};
