import { runSubgraph } from '@ultramarket/kit';

runSubgraph('inventory', () => import('./inventory.subgraph.js').then((module) => module.inventorySubgraph));
