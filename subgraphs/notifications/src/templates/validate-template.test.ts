import { EmailKind } from '../messages/email-templates';
import { defaultSources, TEMPLATE_KEYS } from './email-template-keys';
import { validateTemplate } from './validate-email-template';
import { validateTemplatePart } from './validate-template';
import type { TemplateVariable } from './template-variable';

const variables: TemplateVariable[] = [
  { name: 'orderNumber', type: 'String', description: 'n', sample: '#1' },
  { name: 'total', type: 'Money', description: 't', sample: { amount: 1, currencyCode: 'USD' } },
  { name: 'expiresAt', type: 'DateTime', description: 'e', sample: '2026-01-01T00:00:00Z' },
  {
    name: 'lines',
    type: 'List',
    description: 'l',
    sample: [],
    items: [
      { name: 'title', type: 'String', description: 't', sample: 'x' },
      { name: 'quantity', type: 'Int', description: 'q', sample: 1 },
    ],
  },
];
const problems = (source: string, part: 'subject' | 'html' | 'text' = 'text') =>
  validateTemplatePart(part, source, variables).map((problem) => problem.message);

describe('template validation (the Handlebars AST against the key’s variables)', () => {
  it('accepts every default template the platform ships', () => {
    for (const key of TEMPLATE_KEYS) expect({ key, problems: validateTemplate(key, defaultSources(key)) }).toEqual({ key, problems: [] });
  });

  it('accepts the documented variables, helpers with their types, blocks and list items', () => {
    expect(
      problems(
        '{{orderNumber}} {{money total}} {{date expiresAt}} {{total.amount}} {{#if orderNumber}}y{{else}}n{{/if}} {{#each lines}}{{@index}} {{title}} {{number quantity}} {{../orderNumber}}{{/each}}',
      ),
    ).toEqual([]);
  });

  it('refuses unknown variables, also misspelt and inside a list', () => {
    expect(problems('Hello {{customerName}}')).toEqual(['uses the unknown variable customerName']);
    expect(problems('{{#if ordernumber}}x{{/if}}')).toEqual(['uses the unknown variable ordernumber']);
    expect(problems('{{#each lines}}{{price}}{{/each}}')).toEqual(['uses the unknown variable price']);
    // outside the list, its items' fields do not exist
    expect(problems('{{title}}')).toEqual(['uses the unknown variable title']);
    expect(problems('{{orderNumber.length}}')).toEqual(['uses orderNumber.length, but orderNumber has no such field']);
  });

  it('refuses unknown helpers, wrong argument types, partials and raw HTML output', () => {
    expect(problems('{{lookup this "constructor"}}')).toEqual(['calls the unknown helper lookup']);
    expect(problems('{{#with total}}{{amount}}{{/with}}')).toEqual(['uses the unknown block {{#with}}']);
    expect(problems('{{money orderNumber}}')).toEqual(['calls money with orderNumber, a String; it takes a Money']);
    expect(problems('{{date total}}')).toEqual(['calls date with total, a Money; it takes a DateTime']);
    expect(problems('{{> footer}}')).toEqual(['uses a partial ({{> …}}), which templates cannot']);
    expect(problems('{{{orderNumber}}}', 'html')).toEqual(['uses {{{ }}}: the HTML part always escapes data']);
    expect(problems('{{#each orderNumber}}x{{/each}}')).toEqual(['uses {{#each}} over something that is not a list']);
    expect(problems('{{lines}}')).toEqual(['prints the list lines; use {{#each lines}}']);
  });

  it('refuses a template that does not compile, naming the part', () => {
    const [problem] = validateTemplate(EmailKind.ORDER_CONFIRMED, { subject: 'Order {{orderNumber', html: '<p>x</p>', text: 'x' });
    expect(problem.part).toBe('subject');
    expect(problem.message).toMatch(/^does not compile: /);
    expect(validateTemplate(EmailKind.ORDER_CONFIRMED, { subject: ' ', html: '<p>x</p>', text: 'x' })).toEqual([{ part: 'subject', message: 'is empty' }]);
  });

  it('offers the context variables: the store name to every key, the unsubscribe link to marketing only', () => {
    expect(validateTemplate(EmailKind.ORDER_CONFIRMED, { subject: '{{storeName}}', html: '<p>{{storeName}}</p>', text: '{{storeName}}' })).toEqual([]);
    expect(validateTemplate(EmailKind.CART_ABANDONED, { subject: 'x', html: '<a href="{{unsubscribeUrl}}">stop</a>', text: '{{unsubscribeUrl}}' })).toEqual([]);
    expect(validateTemplate(EmailKind.ORDER_CONFIRMED, { subject: 'x', html: 'x', text: '{{unsubscribeUrl}}' })).toEqual([
      { part: 'text', message: 'uses the unknown variable unsubscribeUrl' },
    ]);
  });
});
