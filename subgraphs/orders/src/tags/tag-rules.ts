import { UserError } from '@ultramarket/kit';

export const MAX_TAGS_PER_ORDER = 50;
export const MAX_TAG_LENGTH = 40;

/** A tag as stored and matched: trimmed, inner white space collapsed, lower case ("VIP  Customer " → "vip customer"). */
export function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The given tags normalised, without duplicates, sorted; or a userError per tag that is empty, longer than
 * MAX_TAG_LENGTH or holds a comma (merchants paste comma-separated lists: one tag each, please).
 */
export function normaliseTags(tags: readonly string[], field: string[]): string[] | UserError[] {
  const errors: UserError[] = [];
  const normalised = new Set<string>();
  tags.forEach((raw, index) => {
    const tag = normaliseTag(raw);
    if (tag.length === 0 || tag.length > MAX_TAG_LENGTH || tag.includes(',')) {
      errors.push(UserError.of('INVALID_TAG', `A tag has 1 to ${MAX_TAG_LENGTH} characters and no comma`, [...field, String(index)]));
    } else normalised.add(tag);
  });
  return errors.length > 0 ? errors : [...normalised].sort();
}
