import { runSubgraph } from '@ultramarket/kit';

runSubgraph('apps', () => import('./apps.subgraph.js').then((module) => module.appsSubgraph));
