import { runSubgraph } from '@ultramarket/kit';
import { inventorySubgraph } from './inventory.subgraph';

runSubgraph(inventorySubgraph);
