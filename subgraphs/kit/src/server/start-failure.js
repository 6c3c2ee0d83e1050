"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startFailureMessage = startFailureMessage;
exports.exitOnStartFailure = exitOnStartFailure;
const env_reader_1 = require("../config/env-reader");
/**
 * What a service prints when it cannot start. A configuration mistake is the operator's to fix: one line
 * naming the variable and what it needs. Anything else is a bug or an outage: its stack too.
 */
function startFailureMessage(service, error) {
    if (error instanceof env_reader_1.ConfigError)
        return `${service} failed to start: ${error.message}`;
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return `${service} failed to start: ${detail}`;
}
/** Prints why `service` could not start and ends the process with 1. */
function exitOnStartFailure(service, error) {
    console.error(startFailureMessage(service, error));
    process.exit(1);
}
//# sourceMappingURL=start-failure.js.map