import { runSubgraph } from '@ultramarket/kit';

runSubgraph('accounts', () => import('./accounts.subgraph.js').then((module) => module.accountsSubgraph));
