import { runSubgraph } from '@ultramarket/kit';
import { storesSubgraph } from './stores.subgraph';

runSubgraph(storesSubgraph);
