import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BreakingChangeType, DangerousChangeType, buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { COORDINATES, checkSchemaChange, parseChangesMd } from '../scripts/breaking-changes';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const oldSdl = fixture('api-before.graphql');
const newSdl = fixture('api-after.graphql');
const summary = (changes: { type: string; coordinate: string | null }[]) => changes.map((change) => `${change.type} ${change.coordinate}`).sort();

describe('checkSchemaChange', () => {
  it('fails on removed and retyped fields, a new required argument and a removed enum value when CHANGES.md records none', () => {
    const result = checkSchemaChange({ oldSdl, newSdl, changesMd: '' });
    expect(summary(result.breaking)).toEqual([
      'FIELD_CHANGED_KIND Product.price',
      'FIELD_REMOVED Product.category',
      'FIELD_REMOVED Product.title',
      'REQUIRED_ARG_ADDED Query.products(storeId:)',
      'VALUE_REMOVED_FROM_ENUM ProductStatus.ARCHIVED',
    ]);
    expect(result.recorded).toEqual([]);
  });

  it('fails on a lone field removal and passes once CHANGES.md records it with a reason', () => {
    const withoutCategory = oldSdl.replace(/\s*"""\s*Category name.\s*"""\s*category: String/, '');
    expect(summary(checkSchemaChange({ oldSdl, newSdl: withoutCategory }).breaking)).toEqual(['FIELD_REMOVED Product.category']);

    const result = checkSchemaChange({ oldSdl, newSdl: withoutCategory, changesMd: fixture('changes-category-only.md') });
    expect(result.breaking).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.recorded).toEqual([
      expect.objectContaining({ coordinate: 'Product.category', entry: expect.objectContaining({ reason: 'replaced by categories, deprecated for 90 days' }) }),
    ]);
  });

  it('passes when every breaking change is recorded, still listing the dangerous ones as warnings', () => {
    const result = checkSchemaChange({ oldSdl, newSdl, changesMd: fixture('changes-all-recorded.md') });
    expect(result.breaking).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.recorded).toHaveLength(5);
    expect(summary(result.dangerous)).toEqual([
      'ARG_DEFAULT_VALUE_CHANGE Query.products(first:)',
      'OPTIONAL_ARG_ADDED Query.products(after:)',
      'VALUE_ADDED_TO_ENUM ProductStatus.DRAFT',
    ]);
  });

  it('does not excuse an unrecorded change next to a recorded one: same kind and same coordinate only', () => {
    // records Product.category's removal, Product.title's retyping (not its removal), Product.titles' removal,
    // and shows Product.title's removal only inside a fenced example
    const result = checkSchemaChange({ oldSdl, newSdl, changesMd: fixture('changes-category-only.md') });
    expect(summary(result.recorded)).toEqual(['FIELD_REMOVED Product.category']);
    expect(summary(result.breaking)).toContain('FIELD_REMOVED Product.title');
    expect(summary(result.breaking)).not.toContain('FIELD_REMOVED Product.category');
  });

  it('has no breaking or dangerous change for an identical schema', () => {
    expect(checkSchemaChange({ oldSdl, newSdl: oldSdl })).toEqual({ breaking: [], recorded: [], dangerous: [], problems: [] });
  });
});

describe('parseChangesMd', () => {
  it('reports rows with an unknown kind, a malformed coordinate or no reason instead of accepting them', () => {
    const { entries, problems } = parseChangesMd(
      [
        '| kind | coordinate | reason |',
        '| --- | --- | --- |',
        '| FIELD_REMOVD | `Product.title` | typo in the kind |',
        '| FIELD_REMOVED | `Product title` | typo in the coordinate |',
        '| FIELD_REMOVED | `Product.title` | |',
        '| FIELD_REMOVED | `Product.title` | <why clients can take this> |',
        '| ARG_REMOVED | `Query.products(first:)` | a pipe \\| inside the reason |',
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^CHANGES.md line 3: unknown kind "FIELD_REMOVD"/),
      expect.stringMatching(/^CHANGES.md line 4: "Product title" is not a schema coordinate/),
      'CHANGES.md line 5: FIELD_REMOVED Product.title has no reason',
      'CHANGES.md line 6: FIELD_REMOVED Product.title has no reason',
    ]);
    expect(entries).toEqual([{ kind: 'ARG_REMOVED', coordinate: 'Query.products(first:)', reason: 'a pipe | inside the reason', line: 7 }]);
  });

  it('ignores tables without kind, coordinate and reason columns', () => {
    expect(parseChangesMd('| file | what |\n| --- | --- |\n| api.graphql | the API |')).toEqual({ entries: [], problems: [] });
  });
});

describe('coordinates from graphql-js descriptions', () => {
  it('has a pattern for every kind of change the installed graphql-js reports', () => {
    expect(Object.keys(COORDINATES).sort()).toEqual([...Object.keys(BreakingChangeType), ...Object.keys(DangerousChangeType)].sort());
  });

  const directive = (definition: string) => `type Query { a: Int }\n${definition}`;
  const cases: [string, string, string, string][] = [
    // kind, old SDL, new SDL, the coordinate the change is about
    ['TYPE_REMOVED', 'type Query { a: Int } type Gone { a: Int }', 'type Query { a: Int }', 'Gone'],
    ['TYPE_REMOVED', 'type Query { a: Int b: Float }', 'type Query { a: Int }', 'Float'],
    ['TYPE_CHANGED_KIND', 'type Query { a: Int } type Foo { a: Int }', 'type Query { a: Int } input Foo { a: Int }', 'Foo'],
    [
      'TYPE_REMOVED_FROM_UNION',
      'type Query { u: U } type A { a: Int } type B { b: Int } union U = A | B',
      'type Query { u: U } type A { a: Int } type B { b: Int } union U = A',
      'U.B',
    ],
    ['VALUE_REMOVED_FROM_ENUM', 'type Query { e: E } enum E { X Y }', 'type Query { e: E } enum E { X }', 'E.Y'],
    ['REQUIRED_INPUT_FIELD_ADDED', 'type Query { q(i: I): Int } input I { a: Int }', 'type Query { q(i: I): Int } input I { a: Int b: Int! }', 'I.b'],
    [
      'IMPLEMENTED_INTERFACE_REMOVED',
      'type Query { t: T } interface N { id: ID } type T implements N { id: ID }',
      'type Query { t: T } interface N { id: ID } type T { id: ID }',
      'T.N',
    ],
    ['FIELD_REMOVED', 'type Query { a: Int b: Int }', 'type Query { a: Int }', 'Query.b'],
    ['FIELD_CHANGED_KIND', 'type Query { a: Int }', 'type Query { a: [Int] }', 'Query.a'],
    ['FIELD_CHANGED_KIND', 'type Query { q(i: I): Int } input I { a: Int }', 'type Query { q(i: I): Int } input I { a: String }', 'I.a'],
    ['REQUIRED_ARG_ADDED', 'type Query { a: Int }', 'type Query { a(x: Int!): Int }', 'Query.a(x:)'],
    ['ARG_REMOVED', 'type Query { a(x: Int): Int }', 'type Query { a: Int }', 'Query.a(x:)'],
    ['ARG_CHANGED_KIND', 'type Query { a(x: Int): Int }', 'type Query { a(x: String): Int }', 'Query.a(x:)'],
    ['DIRECTIVE_REMOVED', directive('directive @tag on FIELD_DEFINITION'), directive(''), '@tag'],
    ['DIRECTIVE_ARG_REMOVED', directive('directive @tag(x: Int) on FIELD_DEFINITION'), directive('directive @tag on FIELD_DEFINITION'), '@tag(x:)'],
    ['REQUIRED_DIRECTIVE_ARG_ADDED', directive('directive @tag on FIELD_DEFINITION'), directive('directive @tag(x: Int!) on FIELD_DEFINITION'), '@tag(x:)'],
    ['DIRECTIVE_REPEATABLE_REMOVED', directive('directive @tag repeatable on FIELD_DEFINITION'), directive('directive @tag on FIELD_DEFINITION'), '@tag'],
    ['DIRECTIVE_LOCATION_REMOVED', directive('directive @tag on FIELD_DEFINITION | OBJECT'), directive('directive @tag on FIELD_DEFINITION'), '@tag.OBJECT'],
    ['VALUE_ADDED_TO_ENUM', 'type Query { e: E } enum E { X }', 'type Query { e: E } enum E { X Y }', 'E.Y'],
    [
      'TYPE_ADDED_TO_UNION',
      'type Query { u: U } type A { a: Int } type B { b: Int } union U = A',
      'type Query { u: U } type A { a: Int } type B { b: Int } union U = A | B',
      'U.B',
    ],
    ['OPTIONAL_INPUT_FIELD_ADDED', 'type Query { q(i: I): Int } input I { a: Int }', 'type Query { q(i: I): Int } input I { a: Int b: Int }', 'I.b'],
    ['OPTIONAL_ARG_ADDED', 'type Query { a: Int }', 'type Query { a(x: Int): Int }', 'Query.a(x:)'],
    [
      'IMPLEMENTED_INTERFACE_ADDED',
      'type Query { t: T } interface N { id: ID } type T { id: ID }',
      'type Query { t: T } interface N { id: ID } type T implements N { id: ID }',
      'T.N',
    ],
    ['ARG_DEFAULT_VALUE_CHANGE', 'type Query { a(x: Int = 1): Int }', 'type Query { a(x: Int = 2): Int }', 'Query.a(x:)'],
    ['ARG_DEFAULT_VALUE_CHANGE', 'type Query { a(x: Int = 1): Int }', 'type Query { a(x: Int): Int }', 'Query.a(x:)'],
  ];

  it.each(cases.map(([kind, before, after, coordinate]) => [kind, coordinate, before, after]))('%s is about %s', (kind, coordinate, before, after) => {
    const [oldSchema, newSchema] = [buildSchema(before), buildSchema(after)];
    const changes = [...findBreakingChanges(oldSchema, newSchema), ...findDangerousChanges(oldSchema, newSchema)].filter((change) => change.type === kind);
    expect(changes).toHaveLength(1);
    const result = checkSchemaChange({ oldSdl: before, newSdl: after });
    expect([...result.breaking, ...result.dangerous].find((change) => change.type === kind)?.coordinate).toBe(coordinate);
  });

  it('gives a change with an unknown wording no coordinate, so no row can excuse it', () => {
    const [pattern] = COORDINATES[BreakingChangeType.FIELD_REMOVED];
    expect(pattern.test('Field Product.title was removed.')).toBe(false);
  });
});
