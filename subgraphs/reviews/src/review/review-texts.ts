import type { UserError } from '@ultramarket/kit';
import { cleanBody, cleanTitle, textProblem } from './review-text';
import { ReviewErrors } from './review-errors';

/** The cleaned title and body given (absent ones stay absent), or a userError per text that does not fit. */
export function cleanTexts(input: { title?: string | null; body?: string | null }): { title?: string; body?: string } | UserError[] {
  const cleaned: { title?: string; body?: string } = {};
  const errors: UserError[] = [];
  if (input.title !== undefined && input.title !== null) {
    cleaned.title = cleanTitle(input.title);
    const problem = textProblem(cleaned.title, 'title');
    if (problem) errors.push(ReviewErrors.invalidText('title', problem));
  }
  if (input.body !== undefined && input.body !== null) {
    cleaned.body = cleanBody(input.body);
    const problem = textProblem(cleaned.body, 'body');
    if (problem) errors.push(ReviewErrors.invalidText('body', problem));
  }
  return errors.length ? errors : cleaned;
}
