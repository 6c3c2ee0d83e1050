import { EMAIL_TEMPLATES } from '../messages/email-templates';
import { isOptional } from '../preferences/notification-category';
import { defaultSources, TEMPLATE_KEYS, variablesFor } from './email-template-keys';
import { typeName, type TemplateVariable } from './template-variable';

export const DOCS_START = '<!-- template-keys:start (generated from subgraphs/notifications/src/messages/email-templates.ts) -->';
export const DOCS_END = '<!-- template-keys:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const sample = (value: unknown) => `\`${JSON.stringify(value).replace(/`/g, "'")}\``;

function variableRows(variables: readonly TemplateVariable[], prefix = ''): string[] {
  return variables.flatMap((variable) => [
    `| \`${prefix}${variable.name}\` | \`${typeName(variable)}\` | ${cell(variable.description)} | ${cell(sample(variable.sample))} |`,
    ...variableRows(variable.items ?? [], `${prefix}${variable.name}[].`),
  ]);
}

/** The template-key section of docs/notifications.md, from the catalog: what the doc test compares against. */
export function templateKeysMarkdown(): string {
  const sections = TEMPLATE_KEYS.map((key) => {
    const definition = EMAIL_TEMPLATES[key];
    return [
      `### \`${key}\``,
      '',
      `${definition.description} Category \`${definition.category}\` (${isOptional(definition.category) ? 'customers may turn it off' : 'always sent'}).`,
      '',
      '| variable | type | description | sample |',
      '| --- | --- | --- | --- |',
      ...variableRows(variablesFor(key)),
      '',
      `Default subject: \`${defaultSources(key).subject.replace(/`/g, "'")}\``,
    ].join('\n');
  });
  return [DOCS_START, '', ...sections.flatMap((section) => [section, '']), DOCS_END].join('\n');
}
