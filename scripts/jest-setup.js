// Every process the tests start inherits this: @apollo/gateway must never call out of the machine.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
require('reflect-metadata');
// Every event a test makes a process publish is checked against its contract (schema/events/*.json).
process.env.EVENT_CONTRACT_CHECK = process.env.EVENT_CONTRACT_CHECK || 'enforce';
