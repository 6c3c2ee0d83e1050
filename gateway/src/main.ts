import 'reflect-metadata';
import { exitOnStartFailure, stopOnSignals } from '@ultramarket/kit';
import { startGateway } from './create-gateway';

// @apollo/gateway must never call out of the machine (usage telemetry, cloud metadata probes).
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

startGateway().then(
  (gateway) => {
    console.log(`UltraMarket gateway: ${gateway.url}  (open it in a browser for the explorer)`);
    stopOnSignals(gateway.stop, (message) => console.log(message));
  },
  (error: unknown) => exitOnStartFailure('gateway', error),
);
