import { runSubgraph } from '@ultramarket/kit';
import { paymentsSubgraph } from './payments.subgraph';

// payments.config.ts refuses the simulated provider in production unless PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION=true
runSubgraph(paymentsSubgraph);
