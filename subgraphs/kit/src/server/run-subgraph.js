"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runSubgraph = runSubgraph;
require("reflect-metadata");
const start_subgraph_1 = require("./start-subgraph");
const http_lifecycle_1 = require("./http-lifecycle");
const start_failure_1 = require("./start-failure");
/**
 * A subgraph's `main`: load its definition, start it, stop it cleanly on Ctrl-C or SIGTERM, fail loudly at
 * start. Definitions read their configuration as they load (`import('./x.subgraph.js')`), so a ConfigError
 * there is reported like one at start: one line, no stack.
 */
function runSubgraph(name, load) {
    process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
    Promise.resolve()
        .then(load)
        .then(start_subgraph_1.startSubgraph)
        .then((running) => (0, http_lifecycle_1.stopOnSignals)(running.stop, (message) => running.runtime.logger.info(message)), (error) => (0, start_failure_1.exitOnStartFailure)(`${name} subgraph`, error));
}
//# sourceMappingURL=run-subgraph.js.map