import { runSubgraph } from '@ultramarket/kit';
import { notificationsSubgraph } from './notifications.subgraph';

runSubgraph(notificationsSubgraph);
