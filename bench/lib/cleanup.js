'use strict';
/** Removes what a bench stack leaves behind: its databases and its namespaced JetStream streams. */
const { dropDatabases, deleteStreams } = require('../../scripts/lib/stack.js');

async function cleanUp(namespace, databaseNames) {
  await dropDatabases(databaseNames);
  await deleteStreams(namespace);
}

module.exports = { cleanUp };
