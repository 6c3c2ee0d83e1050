'use strict';
/**
 * What every seed step shares: development tokens from the dev-token CLI (the one behind
 * `npm run token`), a GraphQL client for the gateway, and small helpers for bounded waits.
 */
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const DEV_TOKEN_CLI = path.join(root, 'subgraphs', 'kit', 'dist', 'cli', 'dev-token.js');

/** The arguments of `npm run token` for `roles` (one or more), acting for `storeId` when given, as `userId`. */
function tokenArgs({ roles, storeId = null, userId }) {
  return [...[].concat(roles).flatMap((role) => ['--role', role]), ...(storeId ? ['--store', storeId] : []), '--user', userId];
}

/** The command a developer pastes to get such a token. */
function tokenCommandFor(who) {
  return `npm run --silent token -- ${tokenArgs(who).join(' ')}`;
}

const tokens = new Map();

/**
 * A development token from the same CLI as `npm run token`. Each costs a node start, so they are
 * made concurrently and cached for the process.
 */
function devTokenFor(who, ttlSeconds = 3600) {
  const args = [...tokenArgs(who), '--ttl', String(ttlSeconds)];
  const cacheKey = args.join(' ');
  if (!tokens.has(cacheKey)) {
    if (!fs.existsSync(DEV_TOKEN_CLI)) throw new Error(`${path.relative(root, DEV_TOKEN_CLI)} is missing: run \`npm run build\` first`);
    tokens.set(
      cacheKey,
      promisify(execFile)(process.execPath, [DEV_TOKEN_CLI, ...args], { cwd: root, encoding: 'utf8' }).then(({ stdout }) => stdout.trim()),
    );
  }
  return tokens.get(cacheKey);
}

/**
 * A function that sends one GraphQL operation to the gateway as `token` (anonymous when null),
 * shopping in `storeId` when given (X-Store-Id), and answers its data; GraphQL errors throw.
 */
function graphqlClient(url, token, storeId = null) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (storeId) headers['x-store-id'] = storeId;
  return async function request(query, variables = {}) {
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
    }
    if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((error) => error.message).join('; ')}`);
    return body.data;
  };
}

/** Throws when a mutation payload carries a userError. */
function expectNoUserErrors(what, payload) {
  const [error] = payload.userErrors;
  if (error) throw new Error(`${what}: ${error.code} ${error.message}`);
  return payload;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `probe` until it answers something other than undefined, backing off up to 500 ms; throws after `timeoutMs` (`what`: words or a function giving them). */
async function waitFor(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await sleep(Math.min(50 * 2 ** attempt, 500));
  }
}

/** Runs `task` over `items`, `limit` at a time. */
async function eachLimited(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Every node of a connection query whose variables take `after` (pages of what the query asks, up to 100). */
async function allNodes(request, query, pick, variables = {}) {
  const nodes = [];
  let after = null;
  for (;;) {
    const connection = pick(await request(query, { ...variables, after }));
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
  }
}

module.exports = { devTokenFor, tokenCommandFor, graphqlClient, expectNoUserErrors, waitFor, eachLimited, allNodes, sleep };
