/**
 * The schema change gate's rule, without git or files: which changes between two versions of the
 * API schema break clients (graphql-js's findBreakingChanges), which of those schema/CHANGES.md
 * records with a reason, and which are merely dangerous (findDangerousChanges).
 *
 * A change is excused only by a CHANGES.md row with the same kind and the same coordinate: a
 * recorded removal of `Product.category` does not excuse a removal of `Product.title`, nor a
 * retyping of `Product.category`. graphql-js describes a change in prose ("Product.category was
 * removed."), so each kind has one anchored pattern below that turns its description into a
 * coordinate; a description that matches none (a future graphql-js wording) gets no coordinate and
 * can never be excused, so the gate fails closed and the test over every kind points at this table.
 */
'use strict';
const { buildSchema, findBreakingChanges, findDangerousChanges, BreakingChangeType, DangerousChangeType } = require('graphql');

const NAME = '([_A-Za-z][_0-9A-Za-z]*)';
const pattern = (source) => new RegExp(`^${source.replaceAll('NAME', NAME)}$`);

/**
 * Kind → [pattern over graphql-js 16's description, coordinate from its captures]. Coordinates
 * follow the GraphQL schema coordinate spec (`Type`, `Type.field`, `Type.field(arg:)`,
 * `Enum.VALUE`, `@directive`, `@directive(arg:)`) and extend it the same way where the spec has
 * none: `Union.Member`, `Type.Interface`, `@directive.LOCATION`.
 */
const COORDINATES = {
  [BreakingChangeType.TYPE_REMOVED]: [pattern('(?:Standard scalar )?NAME was removed(?: because it is not referenced anymore)?\\.'), (t) => t],
  [BreakingChangeType.TYPE_CHANGED_KIND]: [pattern('NAME changed from an? [A-Za-z ]+ type to an? [A-Za-z ]+ type\\.'), (t) => t],
  [BreakingChangeType.TYPE_REMOVED_FROM_UNION]: [pattern('NAME was removed from union type NAME\\.'), (member, union) => `${union}.${member}`],
  [BreakingChangeType.VALUE_REMOVED_FROM_ENUM]: [pattern('NAME was removed from enum type NAME\\.'), (value, e) => `${e}.${value}`],
  [BreakingChangeType.REQUIRED_INPUT_FIELD_ADDED]: [pattern('A required field NAME on input type NAME was added\\.'), (f, t) => `${t}.${f}`],
  [BreakingChangeType.IMPLEMENTED_INTERFACE_REMOVED]: [pattern('NAME no longer implements interface NAME\\.'), (t, i) => `${t}.${i}`],
  [BreakingChangeType.FIELD_REMOVED]: [pattern('NAME\\.NAME was removed\\.'), (t, f) => `${t}.${f}`],
  [BreakingChangeType.FIELD_CHANGED_KIND]: [pattern('NAME\\.NAME changed type from .+ to .+\\.'), (t, f) => `${t}.${f}`],
  [BreakingChangeType.REQUIRED_ARG_ADDED]: [pattern('A required arg NAME on NAME\\.NAME was added\\.'), (a, t, f) => `${t}.${f}(${a}:)`],
  [BreakingChangeType.ARG_REMOVED]: [pattern('NAME\\.NAME arg NAME was removed\\.'), (t, f, a) => `${t}.${f}(${a}:)`],
  [BreakingChangeType.ARG_CHANGED_KIND]: [pattern('NAME\\.NAME arg NAME has changed type from .+ to .+\\.'), (t, f, a) => `${t}.${f}(${a}:)`],
  [BreakingChangeType.DIRECTIVE_REMOVED]: [pattern('NAME was removed\\.'), (d) => `@${d}`],
  [BreakingChangeType.DIRECTIVE_ARG_REMOVED]: [pattern('NAME was removed from NAME\\.'), (a, d) => `@${d}(${a}:)`],
  [BreakingChangeType.REQUIRED_DIRECTIVE_ARG_ADDED]: [pattern('A required arg NAME on directive NAME was added\\.'), (a, d) => `@${d}(${a}:)`],
  [BreakingChangeType.DIRECTIVE_REPEATABLE_REMOVED]: [pattern('Repeatable flag was removed from NAME\\.'), (d) => `@${d}`],
  [BreakingChangeType.DIRECTIVE_LOCATION_REMOVED]: [pattern('NAME was removed from NAME\\.'), (location, d) => `@${d}.${location}`],
  [DangerousChangeType.VALUE_ADDED_TO_ENUM]: [pattern('NAME was added to enum type NAME\\.'), (value, e) => `${e}.${value}`],
  [DangerousChangeType.TYPE_ADDED_TO_UNION]: [pattern('NAME was added to union type NAME\\.'), (member, union) => `${union}.${member}`],
  [DangerousChangeType.OPTIONAL_INPUT_FIELD_ADDED]: [pattern('An optional field NAME on input type NAME was added\\.'), (f, t) => `${t}.${f}`],
  [DangerousChangeType.OPTIONAL_ARG_ADDED]: [pattern('An optional arg NAME on NAME\\.NAME was added\\.'), (a, t, f) => `${t}.${f}(${a}:)`],
  [DangerousChangeType.IMPLEMENTED_INTERFACE_ADDED]: [pattern('NAME added to interfaces implemented by NAME\\.'), (i, t) => `${t}.${i}`],
  [DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE]: [
    pattern('NAME\\.NAME arg NAME (?:defaultValue was removed|has changed defaultValue from .+ to .+)\\.'),
    (t, f, a) => `${t}.${f}(${a}:)`,
  ],
};

/** What a CHANGES.md coordinate may look like (see COORDINATES). */
const COORDINATE = /^@?[_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*(?:\([_A-Za-z][_0-9A-Za-z]*:\))?|\([_A-Za-z][_0-9A-Za-z]*:\))?$/;

/** The coordinate a graphql-js change is about, or null when its description has an unknown shape. */
function coordinateOf(change) {
  const entry = COORDINATES[change.type];
  const match = entry && entry[0].exec(change.description);
  return match ? entry[1](...match.slice(1)) : null;
}

function cells(line) {
  const inner = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll('\\|', '|'));
}

/**
 * Reads the recorded breaking changes: every row of a Markdown table whose header names the
 * columns `kind`, `coordinate` and `reason` (other columns, such as `date`, are for people).
 * Fenced code blocks are skipped, so the file can show an example. A row with an unknown kind, a
 * malformed coordinate or no reason is a problem, not an entry: a typo must not pass silently.
 */
function parseChangesMd(markdown) {
  const entries = [];
  const problems = [];
  let columns = null;
  let fenced = false;
  markdown.split(/\r?\n/).forEach((line, index) => {
    const lineNumber = index + 1;
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || !line.trim().startsWith('|')) {
      columns = null;
      return;
    }
    const row = cells(line);
    if (!columns) {
      const names = row.map((cell) => cell.toLowerCase());
      if (['kind', 'coordinate', 'reason'].every((name) => names.includes(name))) {
        columns = { kind: names.indexOf('kind'), coordinate: names.indexOf('coordinate'), reason: names.indexOf('reason') };
      }
      return;
    }
    if (row.every((cell) => /^:?-+:?$/.test(cell))) return;
    const kind = (row[columns.kind] ?? '').replaceAll('`', '');
    const coordinate = (row[columns.coordinate] ?? '').replaceAll('`', '');
    const reason = row[columns.reason] ?? '';
    if (!Object.hasOwn(BreakingChangeType, kind)) {
      problems.push(`CHANGES.md line ${lineNumber}: unknown kind "${kind}" (one of ${Object.keys(BreakingChangeType).join(', ')})`);
    } else if (!COORDINATE.test(coordinate)) {
      problems.push(`CHANGES.md line ${lineNumber}: "${coordinate}" is not a schema coordinate (Type, Type.field, Type.field(arg:), Enum.VALUE, @directive)`);
    } else if (!reason || /^(<.*>|todo|tbd|-)$/i.test(reason)) {
      problems.push(`CHANGES.md line ${lineNumber}: ${kind} ${coordinate} has no reason`);
    } else {
      entries.push({ kind, coordinate, reason, line: lineNumber });
    }
  });
  return { entries, problems };
}

const withCoordinate = (change) => ({ type: change.type, description: change.description, coordinate: coordinateOf(change) });

/**
 * Compares two versions of the API schema.
 * @returns `breaking`: breaking changes CHANGES.md does not record (the gate fails on any);
 * `recorded`: breaking changes it records, each with its entry; `dangerous`: changes that can
 * surprise a client without breaking it (warnings); `problems`: malformed CHANGES.md rows (the
 * gate fails on any).
 */
function checkSchemaChange({ oldSdl, newSdl, changesMd }) {
  const oldSchema = buildSchema(oldSdl);
  const newSchema = buildSchema(newSdl);
  const { entries, problems } = parseChangesMd(changesMd ?? '');
  const breaking = [];
  const recorded = [];
  for (const change of findBreakingChanges(oldSchema, newSchema).map(withCoordinate)) {
    const entry = change.coordinate && entries.find((candidate) => candidate.kind === change.type && candidate.coordinate === change.coordinate);
    if (entry) recorded.push({ ...change, entry });
    else breaking.push(change);
  }
  const dangerous = findDangerousChanges(oldSchema, newSchema).map(withCoordinate);
  return { breaking, recorded, dangerous, problems };
}

/** The CHANGES.md row that would record a breaking change, for the failure message. */
function changesRow(change) {
  return `| ${new Date().toISOString().slice(0, 10)} | ${change.type} | \`${change.coordinate ?? '?'}\` | <why clients can take this> |`;
}

module.exports = { checkSchemaChange, parseChangesMd, coordinateOf, changesRow, COORDINATES };
