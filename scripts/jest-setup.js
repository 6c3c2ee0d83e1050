// Every process the tests start inherits this: @apollo/gateway must never call out of the machine.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
require('reflect-metadata');
