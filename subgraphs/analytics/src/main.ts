import { runSubgraph } from '@ultramarket/kit';

runSubgraph('analytics', () => import('./analytics.subgraph.js').then((module) => module.analyticsSubgraph));
