'use strict';
/** Removes what a bench stack leaves behind: its databases and its namespaced JetStream streams. */
const { connect } = require('nats');
const { dropDatabases } = require('../../scripts/lib/stack.js');

async function deleteStreams(namespace, natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222') {
  const connection = await connect({ servers: natsUrl, name: 'ultramarket-bench-cleanup' });
  try {
    const jsm = await connection.jetstreamManager();
    const prefix = `${namespace.toUpperCase()}_`;
    const ours = [];
    for await (const stream of jsm.streams.names()) if (stream.startsWith(prefix)) ours.push(stream);
    for (const stream of ours) await jsm.streams.delete(stream).catch(() => undefined);
  } finally {
    await connection.close();
  }
}

async function cleanUp(namespace, databaseNames) {
  await dropDatabases(databaseNames);
  await deleteStreams(namespace);
}

module.exports = { cleanUp };
