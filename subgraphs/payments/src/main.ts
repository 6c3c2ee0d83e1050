import { runSubgraph } from '@ultramarket/kit';

// payments.config.ts refuses the simulated provider in production unless PAYMENTS_ALLOW_SIMULATED_IN_PRODUCTION=true
runSubgraph('payments', () => import('./payments.subgraph.js').then((module) => module.paymentsSubgraph));
