import { runSubgraph } from '@ultramarket/kit';

runSubgraph('orders', () => import('./orders.subgraph.js').then((module) => module.ordersSubgraph));
