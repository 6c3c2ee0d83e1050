'use strict';
/**
 * The public contract of every event's `data`: one JSON Schema per subject, derived from the code
 * that publishes it. Every `tx.emit({ type, data })` in subgraphs/*\/src is found with the
 * TypeScript compiler; the type of `data` at that call becomes the schema (a subject published from
 * several places gets `anyOf` their shapes). `npm run schema` writes schema/events/<subject>.json;
 * `--check` fails when the code and the committed files differ, so a payload cannot change without
 * its contract changing in the same commit. Versions: schema/events/versions.json gives each
 * subject's version; a breaking change (a property removed, made optional, or changed type) to a
 * subject whose version was not raised is refused (breakingEventChanges).
 */
const path = require('node:path');
const { readFileSync, existsSync, readdirSync } = require('node:fs');
const ts = require('typescript');

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const SCHEMA_BASE = 'https://ultramarket.dev/schema/events';

/** The type-checked program over every subgraph's sources (tests excluded). */
function subgraphProgram(root) {
  const configPath = path.join(root, 'tsconfig.check.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile).config;
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const sources = parsed.fileNames.filter((file) => /\/subgraphs\/[^/]+\/src\//.test(file) && !/\.test\.ts$/.test(file));
  return ts.createProgram(sources, parsed.options);
}

/** Every `.emit({ type, data })` call: the subjects its `type` can be and the type of its `data`. */
function emitCalls(program) {
  const checker = program.getTypeChecker();
  const calls = [];
  for (const source of program.getSourceFiles()) {
    if (!/\/subgraphs\/[^/]+\/src\//.test(source.fileName)) continue;
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'emit' && node.arguments.length === 1) {
        const argument = node.arguments[0];
        const eventType = propertyType(checker, argument, 'type');
        const dataType = propertyType(checker, argument, 'data');
        if (eventType && dataType) {
          const where = `${path.relative(process.cwd(), source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
          const subjects = literalStrings(eventType);
          if (subjects.length === 0) throw new Error(`${where}: the event type is not a string literal the contract can name`);
          calls.push({ where, subjects, dataType });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { checker, calls };
}

/**
 * The type of `name` in the object an emit is given, as written at the call (an object literal's
 * property is read from its initializer, so `type: OrderEvents.created` stays the literal rather
 * than the `string` the parameter widens it to).
 */
function propertyType(checker, argument, name) {
  if (ts.isObjectLiteralExpression(argument)) {
    for (const property of [...argument.properties].reverse()) {
      if (ts.isPropertyAssignment(property) && property.name.getText() === name) return checker.getTypeAtLocation(property.initializer);
      if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) {
        return checker.getTypeOfSymbolAtLocation(checker.getShorthandAssignmentValueSymbol(property), property);
      }
      if (ts.isSpreadAssignment(property)) {
        const spread = checker.getTypeAtLocation(property.expression).getProperty(name);
        if (spread) return checker.getTypeOfSymbolAtLocation(spread, property.expression);
      }
    }
    return undefined;
  }
  const symbol = checker.getTypeAtLocation(argument).getProperty(name);
  return symbol && checker.getTypeOfSymbolAtLocation(symbol, argument);
}

function literalStrings(type) {
  const members = type.isUnion() ? type.types : [type];
  return members.every((member) => member.isStringLiteral()) ? members.map((member) => member.value) : [];
}

/** A TypeScript type as the JSON Schema of its JSON form (what JSON.stringify makes of it). */
function schemaOf(checker, type, seen = []) {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (type.flags & ts.TypeFlags.StringLiteral) return { const: type.value };
  if (type.flags & ts.TypeFlags.NumberLiteral) return { const: type.value };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { const: checker.typeToString(type) === 'true' };
  if (type.flags & ts.TypeFlags.StringLike) return { type: 'string' };
  if (type.flags & ts.TypeFlags.NumberLike) return { type: 'number' };
  if (type.flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
  if (type.flags & ts.TypeFlags.Null) return { type: 'null' };
  if (type.isUnion())
    return unionSchema(
      checker,
      type.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined)),
      seen,
    );
  const symbol = type.getSymbol();
  if (symbol && symbol.getName() === 'Date') return { type: 'string', format: 'date-time' };
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const [element] = checker.getTypeArguments(type);
    return { type: 'array', items: element ? schemaOf(checker, element, seen) : {} };
  }
  if (type.flags & ts.TypeFlags.Object || type.isIntersection()) return objectSchema(checker, type, seen);
  throw new Error(`no JSON Schema for the type ${checker.typeToString(type)}`);
}

function unionSchema(checker, members, seen) {
  const strings = members.filter((member) => member.isStringLiteral());
  const booleans = members.filter((member) => member.flags & ts.TypeFlags.BooleanLiteral);
  const rest = members.filter((member) => !member.isStringLiteral() && !(member.flags & ts.TypeFlags.BooleanLiteral));
  const options = [];
  if (strings.length > 0)
    options.push(strings.length === 1 ? { const: strings[0].value } : { type: 'string', enum: strings.map((member) => member.value).sort() });
  if (booleans.length === 2) options.push({ type: 'boolean' });
  else if (booleans.length === 1) options.push(schemaOf(checker, booleans[0], seen));
  for (const member of rest) options.push(schemaOf(checker, member, seen));
  return anyOf(options);
}

/** One schema that accepts what any of `options` accepts; simple types fold into one `type` list. */
function anyOf(options) {
  const unique = [...new Map(options.map((option) => [JSON.stringify(option), option])).values()];
  if (unique.length === 1) return unique[0];
  const plain = unique.every((option) => Object.keys(option).length === 1 && typeof option.type === 'string');
  if (plain) return { type: unique.map((option) => option.type) };
  const nullable = unique.filter((option) => option.type === 'null');
  const others = unique.filter((option) => option.type !== 'null');
  if (nullable.length === 1 && others.length === 1 && typeof others[0].type === 'string') {
    const { enum: values, ...rest } = others[0];
    return values ? { ...rest, type: [others[0].type, 'null'], enum: [...values, null] } : { ...rest, type: [others[0].type, 'null'] };
  }
  return { anyOf: unique };
}

function objectSchema(checker, type, seen) {
  const id = type.id;
  if (seen.includes(id)) throw new Error(`the event type ${checker.typeToString(type)} is recursive`);
  const inner = [...seen, id];
  const properties = {};
  const required = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const propertyType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : checker.getDeclaredTypeOfSymbol(property);
    if (propertyType.getCallSignatures().length > 0) continue; // methods are not part of the JSON
    const members = propertyType.isUnion() ? propertyType.types : [propertyType];
    if (members.every((member) => member.flags & ts.TypeFlags.Undefined)) continue;
    properties[property.getName()] = schemaOf(checker, propertyType, inner);
    const optional = property.flags & ts.SymbolFlags.Optional || members.some((member) => member.flags & ts.TypeFlags.Undefined);
    if (!optional) required.push(property.getName());
  }
  const schema = { type: 'object', properties, required };
  const [index] = checker.getIndexInfosOfType(type);
  schema.additionalProperties = index ? schemaOf(checker, index.type, inner) : false;
  if (Object.keys(properties).length === 0 && index) {
    delete schema.properties;
    delete schema.required;
  }
  return schema;
}

/** Subject → the `data` column of schema/events.md's table, the prose every schema carries. */
function catalogDescriptions(root) {
  const descriptions = new Map();
  for (const line of readFileSync(path.join(root, 'schema/events.md'), 'utf8').split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
    const subject = /^`([a-z0-9.-]+)`$/.exec(cells[1] ?? '');
    if (subject && cells.length >= 6) descriptions.set(subject[1], cells[4]);
  }
  return descriptions;
}

function readVersions(root) {
  const file = path.join(root, 'schema/events/versions.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/** Every subject's schema file, keyed by its path under schema/ (`events/<subject>.json`). */
function eventSchemaFiles(root) {
  const { checker, calls } = emitCalls(subgraphProgram(root));
  const shapes = new Map();
  for (const call of calls) {
    const schema = schemaOf(checker, call.dataType);
    for (const subject of call.subjects) shapes.set(subject, [...(shapes.get(subject) ?? []), schema]);
  }
  const descriptions = catalogDescriptions(root);
  const versions = readVersions(root);
  const files = {};
  const subjects = [...shapes.keys()].sort();
  for (const subject of subjects) {
    const version = versions[subject] ?? 1;
    const data = anyOf(shapes.get(subject));
    const schema = {
      $schema: SCHEMA_DIALECT,
      $id: `${SCHEMA_BASE}/${subject}/v${version}.json`,
      title: `${subject} v${version}`,
      description: descriptions.get(subject) ?? '',
      'x-subject': subject,
      'x-version': version,
      ...data,
    };
    files[`events/${subject}.json`] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  files['events/versions.json'] = `${JSON.stringify(Object.fromEntries(subjects.map((subject) => [subject, versions[subject] ?? 1])), null, 2)}\n`;
  return files;
}

/**
 * Breaking changes between a subject's committed schema and its new one at the same version: what a
 * receiver relying on the old contract would trip over. Adding a property is not breaking.
 */
function breakingEventChanges(root, files) {
  const problems = [];
  const directory = path.join(root, 'schema/events');
  const committed = existsSync(directory) ? readdirSync(directory).filter((file) => file.endsWith('.json') && file !== 'versions.json') : [];
  for (const file of committed) {
    const before = JSON.parse(readFileSync(path.join(directory, file), 'utf8'));
    const next = files[`events/${file}`];
    if (!next) {
      problems.push(`${before['x-subject']}: no longer published (a removed subject is a breaking change: deprecate it first)`);
      continue;
    }
    const after = JSON.parse(next);
    if (after['x-version'] !== before['x-version']) continue;
    for (const change of narrowings(before, after, 'data')) problems.push(`${before['x-subject']} v${before['x-version']}: ${change}`);
  }
  return problems;
}

function narrowings(before, after, at) {
  const changes = [];
  // a receiver copes with fewer kinds of value than before, not with new ones (null where there was none)
  const was = typesOf(before);
  const now = typesOf(after);
  if (was.length > 0 && (now.length === 0 || now.some((type) => !was.includes(type)))) {
    changes.push(`${at} was ${was.join('|')}, is now ${now.join('|') || 'any'}`);
  }
  if (before.properties && after.properties) {
    for (const [name, schema] of Object.entries(before.properties)) {
      if (!(name in after.properties)) changes.push(`${at}.${name} was removed`);
      else {
        if ((before.required ?? []).includes(name) && !(after.required ?? []).includes(name)) changes.push(`${at}.${name} became optional`);
        changes.push(...narrowings(schema, after.properties[name], `${at}.${name}`));
      }
    }
  }
  if (before.items && after.items) changes.push(...narrowings(before.items, after.items, `${at}[]`));
  return changes;
}

/** The JSON types a schema promises a receiver. */
function typesOf(schema) {
  if (schema.anyOf) return [...new Set(schema.anyOf.flatMap(typesOf))].sort();
  if ('const' in schema) return [schema.const === null ? 'null' : typeof schema.const === 'object' ? 'object' : typeof schema.const];
  if (schema.type) return [schema.type].flat().sort();
  return [];
}

module.exports = { eventSchemaFiles, breakingEventChanges };
