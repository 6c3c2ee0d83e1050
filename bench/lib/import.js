'use strict';
/**
 * IMPORT: a 10 000-row Shopify product CSV (2 000 products × 5 sizes, stock on every row) imported
 * through the gateway: sent in 900 KiB parts (startProductImport + appendProductImportPart), then
 * timed from the first part sent until bulkOperation(id) reads COMPLETED. Goal: under 60 s.
 */
const { graphql } = require('./graphql-client');

const PART_CHARS = 900 * 1024;
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const HEADER =
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Status';

function benchCsv(products, runId) {
  const lines = [HEADER];
  for (let index = 0; index < products; index += 1) {
    const handle = `bench-${runId}-tee-${index}`;
    SIZES.forEach((size, position) => {
      const product = position === 0 ? `"Bench tee ${index}","<p>Soft cotton, ""heavy"" weight</p>",Acme,Shirts,"bench, cotton",TRUE,Size` : ',,,,,,';
      lines.push(`${handle},${product},${size},B${runId}-${index}-${size},200,${index % 50},${19 + position}.99,${position === 0 ? 'active' : ''}`);
    });
  }
  return lines.join('\n') + '\n';
}

const FIELDS = 'bulkOperation { id status totalRows succeededRows failedRows } userErrors { code message }';
const START = `mutation ($input: StartProductImportInput!) { startProductImport(input: $input) { ${FIELDS} } }`;
const APPEND = `mutation ($input: AppendProductImportPartInput!) { appendProductImportPart(input: $input) { ${FIELDS} } }`;
const READ = `query ($id: ID!) { bulkOperation(id: $id) { id status totalRows processedRows succeededRows failedRows failure errors(first: 3) { line column code message } } }`;

/** CPU seconds of each process over the import, busiest first, as one log line. */
function cpuLine(usage) {
  const seconds = { ...usage.cpuMs, ...usage.sharedCpuMs };
  return Object.entries(seconds)
    .filter(([, ms]) => ms >= 50)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
}

/**
 * `probe` (probes.js makeProbe) and `consumers` (consumers-idle.js) are optional: with them, the CPU each process
 * spent until COMPLETED, the events its consumers still had to handle then and how long they took to finish are logged.
 */
async function runImport({ gatewayUrl, token, log, probe, consumers, rows = 10_000 }) {
  const runId = Date.now().toString(36);
  const csv = benchCsv(rows / SIZES.length, runId);
  const parts = [];
  for (let start = 0; start < csv.length; start += PART_CHARS) parts.push(csv.slice(start, start + PART_CHARS));
  log(`IMPORT: ${rows} rows, ${(csv.length / 1024 / 1024).toFixed(2)} MiB in ${parts.length} parts…`);
  const before = probe ? await probe.snapshot() : null;
  const startedAt = performance.now();
  const started = (await graphql(gatewayUrl, START, { input: { jobKey: `bench-${runId}`, csv: parts[0], parts: parts.length } }, token)).startProductImport;
  if (started.userErrors.length > 0) throw new Error(`startProductImport: ${JSON.stringify(started.userErrors)}`);
  const id = started.bulkOperation.id;
  for (let index = 1; index < parts.length; index += 1) {
    const appended = (await graphql(gatewayUrl, APPEND, { input: { id, index, csv: parts[index] } }, token)).appendProductImportPart;
    if (appended.userErrors.length > 0) throw new Error(`appendProductImportPart: ${JSON.stringify(appended.userErrors)}`);
  }
  let operation;
  for (;;) {
    operation = (await graphql(gatewayUrl, READ, { id }, token)).bulkOperation;
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(operation.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = probe ? probe.perRequest(before, await probe.snapshot(), 1) : null;
  if (cpu) {
    log(`IMPORT: ${seconds.toFixed(1)} s; CPU until COMPLETED: ${cpuLine(cpu)}`);
    log(`IMPORT: PostgreSQL backends by database: ${cpuLine({ cpuMs: cpu.postgresByDatabaseMs })}`);
  }
  let consumersIdleSeconds;
  if (consumers) {
    log(`IMPORT: events still to handle at COMPLETED: ${JSON.stringify(await consumers.backlog())}`);
    const tailMs = await consumers.wait(300_000);
    log(`IMPORT: consumers idle ${(tailMs / 1000).toFixed(1)} s after COMPLETED; events delivered again: ${JSON.stringify(await consumers.redelivered())}`);
    consumersIdleSeconds = tailMs / 1000;
    if (probe) {
      const untilIdle = probe.perRequest(before, await probe.snapshot(), 1);
      log(`IMPORT: CPU until the consumers were idle: ${cpuLine(untilIdle)}`);
      log(`IMPORT: PostgreSQL backends by database: ${cpuLine({ cpuMs: untilIdle.postgresByDatabaseMs })}`);
    }
  }
  if (operation.status !== 'COMPLETED' || operation.failedRows > 0 || operation.succeededRows !== rows) {
    throw new Error(`the import did not complete cleanly: ${JSON.stringify(operation)}`);
  }
  const result = { id: 'IMPORT', rows, products: rows / SIZES.length, parts: parts.length, bytes: csv.length, seconds, rowsPerSecond: rows / seconds };
  if (cpu) result.cpuMs = { ...cpu.cpuMs, ...cpu.sharedCpuMs };
  if (consumersIdleSeconds !== undefined) result.consumersIdleSeconds = consumersIdleSeconds;
  result.met = seconds < 60;
  return result;
}

module.exports = { runImport, benchCsv };
