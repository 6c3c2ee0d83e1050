import { runSubgraph } from '@ultramarket/kit';

runSubgraph('catalog', () => import('./catalog.subgraph.js').then((module) => module.catalogSubgraph));
