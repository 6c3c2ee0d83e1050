import { runSubgraph } from '@ultramarket/kit';

runSubgraph('reviews', () => import('./reviews.subgraph.js').then((module) => module.reviewsSubgraph));
