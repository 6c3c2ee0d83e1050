import { runSubgraph } from '@ultramarket/kit';
import { catalogSubgraph } from './catalog.subgraph';

runSubgraph(catalogSubgraph);
