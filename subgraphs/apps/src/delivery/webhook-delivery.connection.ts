import { connectionTypes } from '@ultramarket/kit';
import { WebhookDelivery } from './webhook-delivery.entity';

export const WebhookDeliveryConnection = connectionTypes(WebhookDelivery, 'WebhookDelivery');
