import { runSubgraph } from '@ultramarket/kit';

runSubgraph('customers', () => import('./customers.subgraph.js').then((module) => module.customersSubgraph));
