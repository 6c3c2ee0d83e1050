'use strict';
/**
 * `npm run bench`: starts a stack of its own (namespace bench_<id>, NODE_ENV=production), seeds
 * it, starts Hive Gateway on the same supergraph and subgraphs, runs P1, P1-hot, P2–P7 and IMPORT, prints a markdown table
 * and writes the figures to bench/results/. Any failed request fails the whole run.
 * `node bench/run.js P1` runs only P1 (`P1-hot`: only P1-hot; `IMPORT`: only the 10 000-row CSV import); `--strict` also exits non-zero when a goal is missed.
 */
const { randomBytes } = require('node:crypto');
const os = require('node:os');
const { startStack, root, SUBGRAPHS } = require('../scripts/lib/stack.js');
const { benchConfig } = require('./lib/config');
const { benchKeys, authEnv, merchantToken } = require('./lib/auth');
const { seedProducts } = require('./lib/seed');
const { writeSupergraphCopy } = require('./lib/supergraph');
const { startHiveGateway } = require('./lib/hive');
const { runP1, runP1Hot, prepareWindows, checkSameAnswers } = require('./lib/p1-federated-list');
const { runP2 } = require('./lib/p2-one-hop');
const { runP3 } = require('./lib/p3-statements');
const { runP4 } = require('./lib/p4-order-saga');
const { runP4Cart, seedBenchShipping } = require('./lib/p4-cart-checkout');
const { runP5 } = require('./lib/p5-subscription-latency');
const { runP6 } = require('./lib/p6-response-cache');
const { runP7 } = require('./lib/p7-search');
const { runImport } = require('./lib/import');
const { prepareSaga } = require('./lib/saga');
const { markdownTable, writeJson } = require('./lib/report');
const { cleanUp } = require('./lib/cleanup');
const { makeProbe, sharedServers } = require('./lib/probes');
const { SmtpSink } = require('./lib/smtp-sink');
const { ConsumersIdle } = require('./lib/consumers-idle');

const log = (line) => console.log(line);

async function main() {
  if (process.env.NODE_ENV !== 'production') throw new Error('run the bench with NODE_ENV=production (npm run bench does)');
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const config = benchConfig();
  const selected = (id) => config.only.length === 0 || config.only.includes(id.toUpperCase());
  const namespace = `bench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const keys = benchKeys();
  const resources = [];
  // freed last in, first out: Hive, then the stack, then its databases and streams
  const release = async () => {
    while (resources.length > 0) {
      const free = resources.pop();
      await free().catch((error) => console.error(`cleanup: ${error.message}`));
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the bench stack`);
      void release().then(() => process.exit(130));
    });
  }

  const loadAtStart = os.loadavg()[0];
  if (loadAtStart > 1) log(`note: the machine is busy (load average ${loadAtStart.toFixed(1)} on ${os.cpus().length} CPUs); throughput figures will be noisy`);
  try {
    // email stays on, as a real store has it: notifications delivers every email to this sink
    const smtpSink = await new SmtpSink().start();
    resources.push(() => smtpSink.stop());
    log(`starting the bench stack (namespace ${namespace})…`);
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      APOLLO_TELEMETRY_DISABLED: 'true',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpSink.port),
      SMTP_SECURE: 'false',
      PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION: 'true', // no card provider can be reached from here
      ...authEnv(keys),
      // accounts (when the stack runs it) issues tokens and encrypts MFA secrets: throwaway values of this run
      JWT_PRIVATE_KEY: keys.privateKeyPem,
      ACCOUNTS_MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ACCOUNT_EMAIL_TOKEN_KEY: randomBytes(32).toString('base64'),
      // notifications signs the unsubscribe links of marketing emails with it; production refuses to start without one
      NOTIFICATIONS_UNSUBSCRIBE_KEY: randomBytes(32).toString('base64'),
      // catalog signs its local media upload URLs with it; production refuses to start without one
      CATALOG_MEDIA_SIGNING_SECRET: randomBytes(32).toString('base64'),
      // the load comes from one address at thousands of requests a second, which is exactly what the
      // query-cost budgets refuse: they stay on (every request is priced and charged in Redis, so their
      // cost is in the figures) with buckets too large to run dry
      RATE_LIMIT_USER_BUCKET: '1000000000',
      RATE_LIMIT_USER_RESTORE_RATE: '1000000000',
      RATE_LIMIT_ANONYMOUS_BUCKET: '1000000000',
      RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '1000000000',
      // the gateway signs subgraph requests with it; P1's Hive Gateway and P2's direct requests sign with it too
      SUBGRAPH_SIGNING_SECRET: randomBytes(32).toString('hex'),
      // P5 opens 200 graphql-ws connections as one shopper from this one address: over the production
      // limits per user (20) and per address (50), which would refuse them
      WS_MAX_SOCKETS_PER_USER: '1000',
      WS_MAX_SOCKETS_PER_ADDRESS: '1000',
      // P1–P3 measure resolution, so the stack's gateway never answers from the response cache; P6 runs a
      // second gateway with it on (and compares it with this one)
      RESPONSE_CACHE_ENABLED: 'false',
    };
    const databaseNames = SUBGRAPHS.map(({ name }) => `ultramarket_test_${namespace}_${name}`); // as startStack names them
    const pgbenchDatabase = `ultramarket_test_${namespace}_pgbench`; // P4's baseline, dropped with the others
    databaseNames.push(pgbenchDatabase);
    resources.push(() => cleanUp(namespace, databaseNames));
    const stack = await startStack({ namespace, env });
    resources.push(() => stack.stop());

    const { token, storeId } = merchantToken(keys, root);
    // P1–P3 ask as anonymous shoppers of the seeded store, which they name as a storefront does
    const shopperHeaders = { 'x-store-id': storeId };
    log(`seeding ${config.products} products with stock…`);
    const products = await seedProducts(stack.gatewayUrl, token, config.products);

    const pids = Object.fromEntries(Object.entries(stack.services).map(([name, service]) => [name, service.child.pid]));
    const metrics = { catalog: stack.services.catalog.metricsUrl, inventory: stack.services.inventory.metricsUrl };
    const results = {};
    if (selected('P3')) {
      log('P3: SQL statements per request…');
      results.P3 = await runP3({ gatewayUrl: stack.gatewayUrl, services: stack.services, products, headers: shopperHeaders });
    }
    const supergraph = selected('P1') || selected('P1-hot') ? writeSupergraphCopy(root, stack.services) : null;
    if (supergraph) resources.push(async () => supergraph.remove());
    if (selected('P1')) {
      const hive = await startHiveGateway({
        root,
        supergraphFile: supergraph.file,
        cwd: supergraph.dir,
        env: { SUBGRAPH_SIGNING_SECRET: env.SUBGRAPH_SIGNING_SECRET },
      });
      resources.push(() => hive.stop());
      const windows = await prepareWindows(stack.gatewayUrl, shopperHeaders);
      await checkSameAnswers(stack.gatewayUrl, hive.url, windows, shopperHeaders);
      log(`P1: federated list, our gateway vs Hive Gateway --jit (${config.rounds} rounds of ${config.durationSeconds} s, ${config.connections} connections)…`);
      const probe = makeProbe({
        processes: { ours: pids.gateway, hive: hive.pid, catalog: pids.catalog, inventory: pids.inventory },
        databaseNames: stack.databaseNames,
        subgraphs: metrics,
      });
      results.P1 = await runP1({ gatewayUrl: stack.gatewayUrl, hiveUrl: hive.url, windows, headers: shopperHeaders, config, probe, log });
      await hive.stop(); // before P2, which does not need it (stopping twice is harmless)
    }
    if (selected('P1-hot')) {
      // Hive Gateway with its defaults: in-flight deduplication on, no --jit
      const hive = await startHiveGateway({
        root,
        supergraphFile: supergraph.file,
        cwd: supergraph.dir,
        env: { SUBGRAPH_SIGNING_SECRET: env.SUBGRAPH_SIGNING_SECRET },
        jit: false,
      });
      resources.push(() => hive.stop());
      const windows = await prepareWindows(stack.gatewayUrl, shopperHeaders);
      await checkSameAnswers(stack.gatewayUrl, hive.url, windows, shopperHeaders);
      log(`P1-hot: the P1 list with few variable sets, our gateway vs Hive Gateway (defaults) (${config.rounds} rounds of ${config.durationSeconds} s)…`);
      const probe = makeProbe({
        processes: { ours: pids.gateway, hive: hive.pid, catalog: pids.catalog, inventory: pids.inventory },
        databaseNames: stack.databaseNames,
        subgraphs: metrics,
      });
      results['P1-hot'] = await runP1Hot({ gatewayUrl: stack.gatewayUrl, hiveUrl: hive.url, windows, headers: shopperHeaders, config, probe, log });
      await hive.stop();
    }
    if (selected('P2')) {
      log(`P2: one-hop product(id), gateway vs catalog direct…`);
      const probe = makeProbe({ processes: { gateway: pids.gateway, catalog: pids.catalog }, databaseNames: stack.databaseNames, subgraphs: metrics });
      results.P2 = await runP2({
        gatewayUrl: stack.gatewayUrl,
        catalogUrl: stack.services.catalog.url,
        signingSecret: env.SUBGRAPH_SIGNING_SECRET,
        products,
        headers: shopperHeaders,
        config,
        probe,
        log,
      });
    }
    if (selected('P6')) {
      log(`P6: anonymous catalog read, response cache on vs off (${config.rounds} rounds of ${config.durationSeconds} s, ${config.connections} connections)…`);
      results.P6 = await runP6({
        root,
        stack,
        namespace,
        env,
        headers: shopperHeaders,
        merchantToken: token,
        config,
        makeProbe,
        log,
      });
    }
    if (selected('P7')) {
      log('P7: productSearch with facets over 100 000 products of one store, through the gateway vs the same SQL direct…');
      const catalogDatabase = stack.databaseNames.find((name) => name.endsWith('_catalog'));
      results.P7 = await runP7({ gatewayUrl: stack.gatewayUrl, databaseName: catalogDatabase, config, log });
    }
    if (selected('P4') || selected('P4-cart') || selected('P5')) {
      log('P4/P5: topping stock up to 100000 units a product and waiting for orders to know every product…');
      await prepareSaga({ gatewayUrl: stack.gatewayUrl, wsUrl: stack.wsUrl, keys, root, storeId, merchantToken: token, products });
    }
    const saga = { gatewayUrl: stack.gatewayUrl, wsUrl: stack.wsUrl, keys, root, storeId, products, config, log };
    if (selected('P4')) {
      log(
        `P4: placeOrder → CONFIRMED, ${config.p4.shoppers} shoppers vs pgbench -c ${config.p4.pgbenchClients} (${config.p4.rounds} rounds of ${config.p4.durationSeconds} s)…`,
      );
      // every process of the stack (each subgraph and the gateway), and the machine's NATS and Redis it uses
      const probe = makeProbe({ processes: pids, databaseNames: stack.databaseNames, subgraphs: {}, shared: sharedServers() });
      results.P4 = await runP4({ ...saga, pgbenchDatabase, namespace, smtpSink, probe });
    }
    if (selected('P4-cart')) {
      log(
        `P4-cart: cart (3 lines) → shipping → review → completeCheckout → pay → CONFIRMED, ${config.p4.shoppers} shoppers vs pgbench -c ${config.p4.pgbenchClients} (${config.p4.rounds} rounds of ${config.p4.durationSeconds} s)…`,
      );
      await seedBenchShipping(stack.gatewayUrl, token);
      // P4 created the baseline database already when it ran
      results['P4-cart'] = await runP4Cart({ ...saga, services: stack.services, pgbenchDatabase, createBaseline: !selected('P4'), namespace });
    }
    if (selected('P5')) {
      log(`P5: orderStatusChanged latency, 1 vs ${config.p5.subscribers} subscribers of one order (${config.p5.orders} orders each, 2 changes an order)…`);
      results.P5 = await runP5({ ...saga, merchantToken: token });
    }

    if (selected('IMPORT')) {
      // last: its 2 000 products would change what the catalog reads above measure
      // CPU of every process over the import (its consumers included): where the time goes
      const probe = makeProbe({ processes: pids, databaseNames: stack.databaseNames, subgraphs: {}, shared: sharedServers() });
      const consumers = new ConsumersIdle(namespace);
      try {
        results.IMPORT = await runImport({ gatewayUrl: stack.gatewayUrl, token, log, probe, consumers });
      } finally {
        await consumers.close();
      }
    }

    const file = writeJson(root, { ...config, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg()[0] }, results);
    const table = markdownTable(results);
    log(`\n${table}\n\nwritten to ${file}`);
    const missed = Object.values(results).filter((result) => !result.met);
    if (missed.length > 0) {
      log(`goal missed: ${missed.map((result) => result.id).join(', ')}`);
      if (config.strict) process.exitCode = 2;
    }
  } finally {
    await release();
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
