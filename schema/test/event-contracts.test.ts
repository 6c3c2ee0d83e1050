import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventContract } from '@ultramarket/kit';
import { breakingEventChanges } from '../scripts/event-schemas';

const root = path.resolve(__dirname, '../..');
const contracts = path.join(root, 'schema/events');

function catalogSubjects(): string[] {
  const text = readFileSync(path.join(root, 'schema/events.md'), 'utf8');
  return [...text.matchAll(/^\| `([a-z0-9.-]+)` /gm)].map((match) => match[1]).sort();
}

function contractFiles(): string[] {
  return readdirSync(contracts)
    .filter((file) => file.endsWith('.json') && file !== 'versions.json')
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
}

describe('the event contracts (schema/events)', () => {
  it('give every subject of the event catalog a contract, and no contract to a subject the catalog lacks', () => {
    expect(contractFiles()).toEqual(catalogSubjects());
  });

  it('are JSON Schemas that compile, each naming its subject and version, with versions.json listing them all', () => {
    const versions = JSON.parse(readFileSync(path.join(contracts, 'versions.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(versions).sort()).toEqual(contractFiles());
    const contract = new EventContract('enforce', contracts);
    for (const subject of contractFiles()) {
      const schema = JSON.parse(readFileSync(path.join(contracts, `${subject}.json`), 'utf8')) as Record<string, unknown>;
      expect({ subject, id: schema.$id, version: schema['x-version'] }).toEqual({
        subject: schema['x-subject'],
        id: `https://ultramarket.dev/schema/events/${subject}/v${versions[subject]}.json`,
        version: versions[subject],
      });
      // compiling it is part of checking a payload; null is no event's data
      expect(contract.problems(subject, null)).toEqual(expect.arrayContaining(['data must be object']));
    }
  });
});

describe('breakingEventChanges', () => {
  const before = {
    'x-subject': 'orders.shipped',
    'x-version': 1,
    type: 'object',
    properties: {
      orderId: { type: 'string' },
      carrier: { type: ['string', 'null'] },
      weight: { type: 'number' },
      lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
    },
    required: ['orderId', 'carrier', 'weight', 'lines'],
  };
  const committedRoot = () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'events-'));
    mkdirSync(path.join(directory, 'schema/events'), { recursive: true });
    writeFileSync(path.join(directory, 'schema/events/orders.shipped.json'), JSON.stringify(before));
    return directory;
  };
  const next = (schema: object) => ({ 'events/orders.shipped.json': JSON.stringify(schema) });

  it('accepts a new property and a narrower type at the same version', () => {
    const added = {
      ...before,
      properties: { ...before.properties, carrier: { type: 'string' }, note: { type: 'string' } },
      required: [...before.required, 'note'],
    };
    expect(breakingEventChanges(committedRoot(), next(added))).toEqual([]);
  });

  it('names a removed property, one made optional, a wider type and a change inside array items', () => {
    const { weight: _weight, ...rest } = before.properties;
    const changed = {
      ...before,
      properties: {
        ...rest,
        orderId: { type: ['string', 'null'] },
        lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'number' } }, required: [] } },
      },
      required: ['orderId', 'lines'],
    };
    expect(breakingEventChanges(committedRoot(), next(changed)).sort()).toEqual([
      'orders.shipped v1: data.carrier became optional',
      'orders.shipped v1: data.lines[].sku became optional',
      'orders.shipped v1: data.lines[].sku was string, is now number',
      'orders.shipped v1: data.orderId was string, is now null|string',
      'orders.shipped v1: data.weight was removed',
    ]);
  });

  it('lets a raised version change anything, and refuses a subject that is no longer published', () => {
    expect(breakingEventChanges(committedRoot(), next({ ...before, 'x-version': 2, properties: {}, required: [] }))).toEqual([]);
    expect(breakingEventChanges(committedRoot(), {})).toEqual([
      'orders.shipped: no longer published (a removed subject is a breaking change: deprecate it first)',
    ]);
  });
});
