/** What a review's words may be once cleaned: the title up to 120 characters, the body up to 5000. */
export const TITLE_MAX_LENGTH = 120;
export const BODY_MAX_LENGTH = 5000;
/** Raw input is bounded before cleaning (markup may make it longer than what remains). */
export const RAW_TITLE_MAX_LENGTH = 1000;
export const RAW_BODY_MAX_LENGTH = 20000;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
// tags that end a line of text when rendered: replaced by a line break, other tags by nothing
const BLOCK_TAGS = /^(br|p|div|li|ul|ol|h[1-6]|tr|table|blockquote|pre|hr|section|article|header|footer)$/i;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : entity;
  });
}

function removeMarkup(text: string): string {
  return (
    text
      // the contents of these never show as text
      .replace(/<(script|style|template|iframe|object|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<!--[\s\S]*?(-->|$)/g, '')
      .replace(/<!\[CDATA\[[\s\S]*?(\]\]>|$)/gi, '')
      .replace(/<[!?][^>]*>/g, '')
      // a tag starts with a letter (or "/" and a letter): "3 < 5" and "<3" are words, not tags
      .replace(/<\/?([a-z][a-z0-9-]*)\b[^>]*(>|$)/gi, (_tag, name: string) => (BLOCK_TAGS.test(name) ? '\n' : ''))
  );
}

/**
 * The plain text of what a shopper typed: markup removed (tags, comments, scripts and styles with their
 * contents) after entities are decoded, so an encoded tag (`&lt;b&gt;`) is removed too; repeated until
 * nothing changes, so markup cannot be smuggled in pieces. Control characters go; storefronts still escape
 * what they render, this only keeps HTML out of the data.
 */
export function stripHtml(text: string): string {
  let current = text;
  for (let pass = 0; pass < 5; pass += 1) {
    const next = removeMarkup(decodeEntities(current));
    if (next === current) break;
    current = next;
  }
  // the passes may stop at their bound with encoded markup left: what decoding made of it goes too
  return Array.from(removeMarkup(current)).filter(isShown).join('');
}

/** Control characters other than tab, line feed and carriage return never show: they go. */
function isShown(character: string): boolean {
  const code = character.charCodeAt(0);
  return !((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f);
}

/** A title: plain text on one line, runs of whitespace as one space, trimmed. */
export function cleanTitle(raw: string): string {
  return stripHtml(raw).replace(/\s+/g, ' ').trim();
}

/** A body: plain text, spaces and tabs collapsed, each line trimmed, at most one empty line between paragraphs, trimmed. */
export function cleanBody(raw: string): string {
  return stripHtml(raw)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What is wrong with a cleaned title or body (for a userError), or null when it fits. */
export function textProblem(text: string, what: 'title' | 'body'): string | null {
  const max = what === 'title' ? TITLE_MAX_LENGTH : BODY_MAX_LENGTH;
  if (text.length === 0) return `The ${what} is empty once its markup is removed`;
  if (text.length > max) return `The ${what} is ${text.length} characters once cleaned; at most ${max} are allowed`;
  return null;
}
