import { bulkOperationProgress } from './bulk-operation-progress.subscription';
import { notificationAdded } from './notification-added.subscription';
import { orderStatusChanged } from './order-status-changed.subscription';
import { returnUpdated } from './return-updated.subscription';
import { stockChanged } from './stock-changed.subscription';
import type { SubscriptionField } from './subscription-field';

/** Every Subscription field the gateway serves, each fed by one event type. */
export const subscriptionFields: SubscriptionField[] = [stockChanged, orderStatusChanged, notificationAdded, bulkOperationProgress, returnUpdated];
