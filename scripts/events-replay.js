'use strict';
/**
 * `npm run events:replay -- <consumer> [--limit N] [--dry-run] [--force]`: re-drives the dead letters
 * of one durable consumer (its handler name, e.g. `inventory-reserve-stock`, or its durable name)
 * from the DEADLETTER stream and prints what became of each. Each is republished to the subject it
 * came from under a new message id and deleted from the dead-letter stream; the consumer handles it
 * again, every other consumer of that subject recognises the event id and skips it. Dead letters of
 * events older than PROCESSED_EVENT_RETENTION are skipped (other consumers may have forgotten them)
 * unless --force. Reads NATS_URL and EVENT_NAMESPACE like the subgraphs; uses the built kit
 * (`npm run build`). Exit code 0 when every dead letter was re-driven (or would be), 1 otherwise.
 */
const path = require('node:path');
const { parseArgs } = require('node:util');

const USAGE = 'usage: npm run events:replay -- <consumer> [--limit N] [--dry-run] [--force]';

function loadKit() {
  try {
    return require(path.join(__dirname, '../subgraphs/kit/dist'));
  } catch (error) {
    throw new Error(`the kit is not built (${error.message}): run npm run build first`);
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      limit: { type: 'string', default: '1000' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const limit = Number(values.limit);
  if (positionals.length !== 1 || !Number.isInteger(limit) || limit < 1) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const kit = loadKit();
  const read = kit.envReader(process.env);
  const natsUrl = read.url('NATS_URL', 'nats://127.0.0.1:4222', ['nats', 'tls']);
  const names = new kit.EventNames(kit.readEventNamespace(process.env));
  const storage = kit.readEventStorage(process.env);
  const logger = kit.createLogger('events-replay', 'warn');
  const nats = await kit.connectNats(natsUrl, 'ultramarket-events-replay', logger);
  try {
    const letters = await kit.replayDeadLetters({
      js: nats.jetstream(),
      jsm: await nats.jetstreamManager(),
      names,
      consumer: positionals[0],
      limit,
      dryRun: values['dry-run'],
      maxEventAgeMs: values.force ? Number.POSITIVE_INFINITY : storage.processedEventRetentionMs,
    });
    for (const letter of letters) {
      const what = `#${letter.sequence} ${letter.eventType ?? '?'} ${letter.eventId ?? '?'}`;
      if (letter.outcome === 'skipped') console.log(`skipped      ${what}: ${letter.reason}`);
      else console.log(`${letter.outcome.padEnd(12)} ${what} -> ${letter.subject} (was: ${letter.error})`);
    }
    const count = (outcome) => letters.filter((letter) => letter.outcome === outcome).length;
    const done = values['dry-run'] ? `${count('would replay')} would be replayed` : `${count('replayed')} replayed`;
    console.log(`${positionals[0]}: ${letters.length} dead letter(s), ${done}, ${count('skipped')} skipped`);
    if (count('skipped') > 0) process.exitCode = 1;
  } finally {
    await nats.close();
  }
}

main().catch((error) => {
  console.error(`events:replay failed: ${error.message}`);
  process.exitCode = 1;
});
