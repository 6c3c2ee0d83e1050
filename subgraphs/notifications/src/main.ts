import { runSubgraph } from '@ultramarket/kit';

runSubgraph('notifications', () => import('./notifications.subgraph.js').then((module) => module.notificationsSubgraph));
