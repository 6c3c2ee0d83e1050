import { runSubgraph } from '@ultramarket/kit';
import { customersSubgraph } from './customers.subgraph';

runSubgraph(customersSubgraph);
