import { runSubgraph } from '@ultramarket/kit';
import { accountsSubgraph } from './accounts.subgraph';

runSubgraph(accountsSubgraph);
