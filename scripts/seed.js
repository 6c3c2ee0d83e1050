'use strict';
/**
 * `npm run seed [-- --gateway <url>]`: puts the demo data into a running UltraMarket (the gateway
 * at GATEWAY_URL, default http://127.0.0.1:4000/graphql) and prints the token commands of the demo
 * store's owner, staff member and shopper. Safe to repeat: nothing is duplicated. Users it registers
 * are verified from their verification emails when it can catch them (a catcher of its own on
 * SMTP_PORT, when free); otherwise it says so in one line.
 */
const { parseArgs } = require('node:util');
const { seedDemoStore, tokenCommand } = require('./lib/seeder');
const { startMailCatcher } = require('./lib/mail-catcher');

async function main() {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string', default: process.env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run seed [-- --gateway http://127.0.0.1:4000/graphql]');
    return;
  }
  const ready = new URL('/ready', values.gateway);
  try {
    const response = await fetch(ready);
    if (!response.ok) throw new Error(`${ready} answered ${response.status}`);
  } catch (error) {
    console.error(`The gateway is not ready at ${values.gateway} (${error.cause?.code ?? error.message}). Start UltraMarket first: npm start`);
    process.exitCode = 1;
    return;
  }
  console.log(`seeding the demo store through ${values.gateway}`);
  // the users it registers are verified from their verification emails, if it can catch them: only when
  // nothing else listens on SMTP_HOST:SMTP_PORT (npm start's own catcher does, and npm start seeds itself)
  const mailbox = await startMailCatcher({ log: () => {}, quiet: true });
  let seeded;
  try {
    seeded = await seedDemoStore({ gatewayUrl: values.gateway, log: (message) => console.log(message), mailbox: mailbox ?? undefined });
  } finally {
    await mailbox?.close();
  }
  console.log(`done.
  Demo store            ${seeded.storeId}
  Second store          ${seeded.secondStoreId}  (another merchant's: the demo store sees none of it)
  owner (MERCHANT)      ${tokenCommand(seeded.storeId)}
  staff (STORE_STAFF)   ${seeded.tokenCommands.staff}
  shopper (CUSTOMER)    ${seeded.tokenCommands.shopper}  (with X-Store-Id: ${seeded.storeId})`);
}

main().catch((error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
