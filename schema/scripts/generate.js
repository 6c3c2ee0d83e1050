#!/usr/bin/env node
/**
 * `npm run schema`: prints each subgraph's SDL from its code, composes the supergraph with
 * @apollo/composition, derives the client-facing API schema and generates the typed SDK for the
 * operations under schema/operations (codegen.yml), writing them all under schema/.
 * It also writes each event's data contract, schema/events/<subject>.json (event-schemas.js).
 * `--check` writes nothing and fails when the committed files are stale, or when api.graphql has
 * a breaking change schema/CHANGES.md does not record (api-change-gate.js; CI runs both); either
 * mode refuses a breaking change to an event's contract that its version does not announce.
 * Each subgraph is printed in its own process: type-graphql keeps its metadata in one global
 * store, and two subgraphs both declare a `Product` type.
 */
'use strict';
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync, existsSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { parse, printSchema } = require('graphql');
const { composeServices } = require('@apollo/composition');
const { generate, loadCodegenConfig } = require('@graphql-codegen/cli');
const { runApiChangeGate } = require('./api-change-gate');
const { eventSchemaFiles, breakingEventChanges } = require('./event-schemas');

const root = path.resolve(__dirname, '../..');
const SUBGRAPHS = [
  { name: 'accounts', port: 4001 },
  { name: 'stores', port: 4002 },
  { name: 'catalog', port: 4003 },
  { name: 'inventory', port: 4004 },
  { name: 'cart', port: 4005 },
  { name: 'orders', port: 4006 },
  { name: 'payments', port: 4007 },
  { name: 'customers', port: 4008 },
  { name: 'notifications', port: 4009 },
  { name: 'shipping', port: 4010 },
  { name: 'apps', port: 4012 },
  { name: 'analytics', port: 4011 },
  { name: 'reviews', port: 4013 },
];

function printSubgraph(name) {
  const script = `
    require('reflect-metadata');
    const { printSubgraphSchema } = require('@apollo/subgraph');
    const definition = require(${JSON.stringify(path.join(root, 'subgraphs', name, 'dist', `${name}.subgraph.js`))})[${JSON.stringify(`${name}Subgraph`)}];
    definition.schema().then((schema) => process.stdout.write(printSubgraphSchema(schema)));`;
  return execFileSync(process.execPath, ['-e', script], { cwd: path.join(root, 'subgraphs', name), encoding: 'utf8' });
}

async function generatedSdk(apiSchema) {
  const { config } = await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.yml') });
  // the SDK is generated from the API schema composed above, not from the file on disk
  const outputs = await generate({ ...config, schema: apiSchema, cwd: root, silent: true }, false);
  return Object.fromEntries(outputs.map((output) => [path.relative(path.join(root, 'schema'), path.resolve(root, output.filename)), output.content]));
}

async function main() {
  const check = process.argv.includes('--check');
  const files = {};
  const services = SUBGRAPHS.map(({ name, port }) => {
    const sdl = printSubgraph(name);
    files[`subgraphs/${name}.graphql`] = sdl;
    return { name, url: `http://localhost:${port}/graphql`, typeDefs: parse(sdl) };
  });
  const composition = composeServices(services);
  if (composition.errors) {
    console.error('Composition failed:');
    for (const error of composition.errors) console.error(`  - ${error.message}`);
    process.exit(1);
  }
  files['supergraph.graphql'] = composition.supergraphSdl;
  files['api.graphql'] = `${printSchema(composition.schema.toAPISchema().toGraphQLJSSchema())}\n`;
  Object.assign(files, await generatedSdk(files['api.graphql']));
  const eventFiles = eventSchemaFiles(root);
  const breaking = breakingEventChanges(root, eventFiles);
  if (breaking.length > 0) {
    console.error(
      "Breaking changes to event contracts (raise the subject's version in schema/events/versions.json and record why under Contract versions in schema/events.md):",
    );
    for (const problem of breaking) console.error(`  - ${problem}`);
    process.exit(1);
  }
  Object.assign(files, eventFiles);

  const stale = [];
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(__dirname, '..', file);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : null;
    if (current === content) continue;
    stale.push(file);
    if (!check) {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  if (check) {
    if (stale.length > 0) console.error(`schema/ is stale (${stale.join(', ')}): run npm run schema and commit the result`);
    else console.log('schema/ is up to date');
    const gate = runApiChangeGate({ root });
    if (stale.length > 0 || !gate.ok) process.exit(1);
    return;
  }
  console.log(stale.length ? `wrote ${stale.map((file) => `schema/${file}`).join(', ')}` : 'schema/ was already up to date');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
