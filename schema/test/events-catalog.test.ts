import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const EVENT_TYPE = /'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'/g;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (entry === 'node_modules' || entry === 'dist' || entry === 'test') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

/** Event types the code publishes (`*.events.ts` constants) and consumes (`eventType: '…'`). */
function eventTypesInCode(): { published: Set<string>; consumed: Set<string> } {
  const published = new Set<string>();
  const consumed = new Set<string>();
  for (const file of [...sourceFiles(path.join(root, 'subgraphs')), ...sourceFiles(path.join(root, 'gateway/src'))]) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.events.ts')) for (const match of text.matchAll(EVENT_TYPE)) published.add(match[1]);
    for (const match of text.matchAll(/eventType: '([^']+)'/g)) consumed.add(match[1]);
  }
  return { published, consumed };
}

function eventTypesInCatalog(): Map<string, { producer: string; consumers: string }> {
  const text = readFileSync(path.join(root, 'schema/events.md'), 'utf8');
  const rows = new Map<string, { producer: string; consumers: string }>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const subject = /^`([a-z-]+\.[a-z-]+)`$/.exec(cells[1] ?? '');
    if (subject) rows.set(subject[1], { producer: cells[2], consumers: cells[3] });
  }
  return rows;
}

describe('schema/events.md', () => {
  const code = eventTypesInCode();
  const catalog = eventTypesInCatalog();

  it('lists every event the code publishes, with its producing domain', () => {
    expect(code.published.size).toBeGreaterThan(0);
    for (const type of code.published) {
      expect(catalog.has(type)).toBe(true);
      expect(catalog.get(type)!.producer.startsWith(type.split('.')[0])).toBe(true);
    }
  });

  it('lists every event the code consumes, and only events someone publishes', () => {
    for (const type of code.consumed) expect([type, catalog.has(type), code.published.has(type)]).toEqual([type, true, true]);
  });

  it('lists nothing the code no longer publishes', () => {
    expect([...catalog.keys()].filter((type) => !code.published.has(type))).toEqual([]);
  });
});
