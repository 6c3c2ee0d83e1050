'use strict';
/**
 * `npm start`: from a fresh clone to a running UltraMarket with demo data.
 *
 *   1. installs dependencies (npm ci) when node_modules is missing
 *   2. builds the workspaces when a dist/ is missing or older than its sources (`--build` forces
 *      it, `--skip-build` runs dist/ as it is)
 *   3. checks PostgreSQL, Redis and NATS, starting local servers that are down
 *   4. starts a local mail catcher (SMTP on 1025, emails printed here), the subgraphs (4003,
 *      4004, …) and the gateway (4000)
 *   5. seeds the demo store (idempotent; `--no-seed` skips it)
 *   6. prints the URL and a token command; Ctrl-C stops everything
 *
 * In a terminal the services' JSON logs are shown as one readable line per event, prefixed with
 * the service's name; piped or redirected they stay JSON (`--pretty` / `--json`, LOG_FORMAT and
 * FORCE_COLOR decide otherwise). See lib/service-output.js.
 */
const net = require('node:net');
const { ensureDependencies, ensureBuild } = require('./lib/prepare');
const { useDeclaredRuntime, startedAt } = require('./lib/runtime');

const args = new Set(process.argv.slice(2));
const { chooseLogFormat, colorSupported, createServiceOutput } = require('./lib/service-output');
const output = createServiceOutput({ format: chooseLogFormat(), color: colorSupported() });
const log = (message = '') => process.stdout.write(output.formatMessage(message));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Resolves with the first of `ports` something already listens on, or null. */
async function busyPort(ports) {
  for (const port of ports) {
    const inUse = await new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', (error) => resolve(error.code === 'EADDRINUSE'));
      server.listen(port, '0.0.0.0', () => server.close(() => resolve(false)));
    });
    if (inUse) return port;
  }
  return null;
}

/** The stack once startStack was called (a promise, so a Ctrl-C during start still stops it). */
let stackStarting = null;
let stopping = false;

/** Stops the stack (if it started) and exits; a second call does nothing. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  const stack = stackStarting ? await stackStarting.catch(() => null) : null;
  if (stack) await stack.stop();
  log('stopped');
  process.exit(code);
}

async function main() {
  if (args.has('--help')) {
    console.log('usage: npm start [-- --build | --skip-build] [-- --no-seed] [-- --pretty | --json]');
    return;
  }
  ensureDependencies(log);
  useDeclaredRuntime(log);
  if (args.has('--skip-build')) log('--skip-build: running dist/ as it is');
  else ensureBuild({ force: args.has('--build'), log });

  // only now: these need node_modules
  const { ensureInfrastructure } = require('./lib/infra');
  const { startStack, SUBGRAPHS } = require('./lib/stack');
  const { seedDemoStore, tokenCommand } = require('./lib/seeder');
  const { startMailCatcher } = require('./lib/mail-catcher');

  log('checking PostgreSQL, Redis and NATS');
  const infra = await ensureInfrastructure({ log });
  if (!infra.ok) {
    console.error('\nUltraMarket cannot start: these servers are missing or misconfigured:\n');
    console.error(infra.problems.join('\n'));
    console.error('\nDefaults: PostgreSQL 127.0.0.1:5432 user postgres, REDIS_URL=redis://127.0.0.1:6379, NATS_URL=nats://127.0.0.1:4222.');
    process.exitCode = 1;
    return;
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const port = await busyPort([4000, ...SUBGRAPHS.map((subgraph) => subgraph.port)]);
  if (port !== null) {
    console.error(`\nUltraMarket cannot start: port ${port} is already in use (another \`npm start\`?). Stop that process and try again.`);
    process.exitCode = 1;
    return;
  }

  const mailCatcher = await startMailCatcher({ log: (message) => log(message) });
  if (mailCatcher) process.once('exit', () => mailCatcher.close());
  log(`starting ${SUBGRAPHS.map(({ name, port }) => `${name} (${port})`).join(', ')} and the gateway (4000)`);
  stackStarting = startStack({
    fixedPorts: true,
    output,
    onReady: (service, elapsedMs) => log(`${output.tick()} ${output.serviceName(service.name)} ready on :${service.port} (${seconds(elapsedMs)})`),
  });
  const stack = await stackStarting;
  if (stopping) return;
  for (const service of Object.values(stack.services)) {
    service.child.once('exit', (code, signal) => {
      if (stopping) return;
      // code 0: it was stopped (a Ctrl-C in the terminal reaches every process of the group)
      if (code !== 0) process.stderr.write(output.formatMessage(`${service.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the others`));
      void stop(code === 0 ? 0 : 1);
    });
  }

  let seeded = null;
  if (!args.has('--no-seed')) {
    log('seeding the demo store');
    seeded = await seedDemoStore({ gatewayUrl: stack.gatewayUrl, log: (message) => log(message), mailbox: mailCatcher ?? undefined });
  }
  if (stopping) return;
  log(`${output.tick()} UltraMarket started in ${seconds(Date.now() - startedAt())}`);

  const url = 'http://localhost:4000/graphql';
  const demo = seeded
    ? `  Demo store         ${seeded.storeId}
  Second store       ${seeded.secondStoreId}  (another merchant's: the demo store sees none of it)

  Tokens for the demo store (paste the command, use its output as  Authorization: Bearer <token>):
    owner (MERCHANT)      ${tokenCommand(seeded.storeId)}
    staff (STORE_STAFF)   ${seeded.tokenCommands.staff}
    shopper (CUSTOMER)    ${seeded.tokenCommands.shopper}
                          (with  X-Store-Id: ${seeded.storeId}; try  { orders(first: 5) { nodes { orderNumber status } } })

  Try it:
    curl -s ${url} -H 'content-type: application/json' -H 'x-store-id: ${seeded.storeId}' \\
      -d '{"query":"{ products(first: 5) { totalCount nodes { title stock price { amount currencyCode } } } }"}'

  The explorer opens in the demo store (its tabs carry  "X-Store-Id": "${seeded.storeId}"): press Run to
  browse; add  "Authorization": "Bearer <token>"  next to it to act as the owner, staff member or shopper.`
    : '  No demo store (--no-seed): npm run seed creates it.';
  console.log(`
UltraMarket is running.

  GraphQL endpoint   ${url}
  Explorer           open ${url} in a browser
${demo}

Press Ctrl-C to stop.
`);
}

main().catch((error) => {
  if (stopping) return; // requests cut short by Ctrl-C
  console.error(`[start] ${error.stack ?? error.message}`);
  void stop(1);
});
