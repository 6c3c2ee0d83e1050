/** What a template variable holds, as the template language sees it. */
export type TemplateVariableType = 'String' | 'Int' | 'Money' | 'DateTime' | 'List';

/**
 * One variable a template key offers its templates: the documented contract a merchant writes against. Templates are
 * validated against it (an unknown name is refused) and previews render its `sample`.
 */
export interface TemplateVariable {
  name: string;
  type: TemplateVariableType;
  /** May be null or absent (test it with `{{#if name}}`). */
  nullable?: boolean;
  description: string;
  /** What previews render; JSON-shaped (Money as `{ amount, currencyCode }`, DateTime as an ISO string). */
  sample: unknown;
  /** For a List: the fields of each item, which `{{#each name}}` brings into scope. */
  items?: TemplateVariable[];
}

/** `String`, `Money?`, `[CartLine]`: how docs and the API name a variable's type. */
export function typeName(variable: TemplateVariable): string {
  const base = variable.type === 'List' ? `[${(variable.items ?? []).map((item) => item.name).join(', ')}]` : variable.type;
  return variable.nullable ? `${base}?` : base;
}

/** The sample values of a variable set, as a template's data. */
export function sampleData(variables: readonly TemplateVariable[]): Record<string, unknown> {
  return Object.fromEntries(variables.map((variable) => [variable.name, variable.sample]));
}
