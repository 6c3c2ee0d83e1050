import { runSubgraph } from '@ultramarket/kit';

runSubgraph('cart', () => import('./cart.subgraph.js').then((module) => module.cartSubgraph));
