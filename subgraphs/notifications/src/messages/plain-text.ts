/** The longest store name stores accepts: anything longer is cut. */
const MAX_QUOTED_LENGTH = 100;

/**
 * Text someone other than the platform wrote (a store's name, chosen by its merchant), made safe
 * to quote in a plain-text email or notification sent to addresses that merchant chose: on one
 * line (no line breaks, control or invisible formatting characters that could fake paragraphs or
 * hide text), at most 100 characters, its URL schemes broken (`http[:]//`) so mail clients do not
 * turn it into a link, and between quotes so it reads as a name, not as the platform's words.
 */
export function quotedText(text: string): string {
  const oneLine = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const bounded = Array.from(oneLine).slice(0, MAX_QUOTED_LENGTH).join('');
  return `“${bounded.replace(/([a-z][a-z0-9+.-]*):\/\//gi, '$1[:]//')}”`;
}

/** An instant as the reader's calendar shows it, in UTC: `2026-12-13 21:16 UTC`. */
export function formatUtc(instant: Date): string {
  const iso = instant.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The longest payment instructions payments accepts from a store. */
const MAX_INSTRUCTIONS_LENGTH = 2000;

/**
 * A store's payment instructions (bank details, the reference to quote), quoted as a block in a plain-text email or
 * notification: several lines are kept (bank details need them) but every line is marked as the store's words ("> "),
 * control and invisible formatting characters are removed, URL schemes are broken as in `quotedText`, and the whole is
 * bounded to what payments accepts.
 */
export function quotedInstructions(text: string): string {
  const bounded = Array.from(text.replace(/\r\n?/g, '\n')).slice(0, MAX_INSTRUCTIONS_LENGTH).join('');
  return bounded
    .split('\n')
    .map((line) => line.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ').trim())
    .filter((line) => line.length > 0)
    .map((line) => `> ${line.replace(/([a-z][a-z0-9+.-]*):\/\//gi, '$1[:]//')}`)
    .join('\n');
}
