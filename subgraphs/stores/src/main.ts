import { runSubgraph } from '@ultramarket/kit';

runSubgraph('stores', () => import('./stores.subgraph.js').then((module) => module.storesSubgraph));
