import { runSubgraph } from '@ultramarket/kit';

runSubgraph('shipping', () => import('./shipping.subgraph.js').then((module) => module.shippingSubgraph));
