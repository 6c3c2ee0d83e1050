import { runSubgraph } from '@ultramarket/kit';
import { ordersSubgraph } from './orders.subgraph';

runSubgraph(ordersSubgraph);
