import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOCS_END, DOCS_START, templateKeysMarkdown } from '../src/templates/template-docs';

/**
 * docs/notifications.md documents every template key with its variable set, generated from the catalog
 * (src/messages/email-templates.ts) so it cannot drift: a key or variable changed in code without the doc fails here.
 * `WRITE_NOTIFICATION_DOCS=1 npx jest subgraphs/notifications/test/notifications-doc.test.ts` rewrites the section.
 */
describe('docs/notifications.md', () => {
  const file = path.resolve(__dirname, '../../../docs/notifications.md');

  it('lists every template key with its variables as the code defines them', () => {
    const section = (doc: string) => {
      const start = doc.indexOf(DOCS_START);
      const end = doc.indexOf(DOCS_END);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThan(start);
      return { start, end: end + DOCS_END.length };
    };
    let doc = readFileSync(file, 'utf8');
    if (process.env.WRITE_NOTIFICATION_DOCS === '1') {
      const { start, end } = section(doc);
      doc = doc.slice(0, start) + templateKeysMarkdown() + doc.slice(end);
      writeFileSync(file, doc);
    }
    const { start, end } = section(doc);
    expect(doc.slice(start, end)).toBe(templateKeysMarkdown());
  });
});
