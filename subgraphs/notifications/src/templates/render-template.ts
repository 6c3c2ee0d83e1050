import Handlebars from 'handlebars';
import { formatHelpers, HELPER_PARAMETER_TYPES, type TemplateFormat } from './template-format';

/** The sources of one email template: Handlebars, validated against its key's variables before they are stored. */
export interface TemplateSources {
  subject: string;
  html: string;
  text: string;
}

/** One email as rendered. */
export interface RenderedParts {
  subject: string;
  html: string;
  text: string;
}

/** Templates compiled on their own Handlebars instance: no helper or partial anyone registers globally reaches them. */
const handlebars = Handlebars.create();
const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPER_PARAMETER_TYPES).map((name) => [name, true]));
/** Compiled templates by mode and source; bounded, oldest dropped first (stores may each have their own). */
const compiled = new Map<string, HandlebarsTemplateDelegate>();
const MAX_COMPILED = 500;

function compile(source: string, escape: boolean): HandlebarsTemplateDelegate {
  const cacheKey = `${escape ? 'html' : 'text'}\u0000${source}`;
  let template = compiled.get(cacheKey);
  if (!template) {
    template = handlebars.compile(source, { noEscape: !escape, knownHelpers: KNOWN_HELPERS, preventIndent: true });
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(cacheKey, template);
  }
  return template;
}

/**
 * Renders a template's three parts with the data and the format's helpers. The HTML part escapes every value
 * (`{{ }}`; raw output is refused by validation); the subject and text parts are plain text, so nothing is escaped
 * there. The subject is folded onto one line; the text's runs of blank lines (left by empty sections) become one.
 */
export function renderTemplate(sources: TemplateSources, data: Record<string, unknown>, format: TemplateFormat): RenderedParts {
  const options = { helpers: formatHelpers(format), allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  const subject = compile(sources.subject, false)(data, options).replace(/\s+/g, ' ').trim();
  const text = compile(sources.text, false)(data, options)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const html = compile(sources.html, true)(data, options)
    .replace(/<p>\s*<\/p>\n?/g, '')
    .trim();
  return { subject, text: `${text}\n`, html };
}
