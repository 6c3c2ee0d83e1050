import { connectionTypes } from '@ultramarket/kit';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export const WebhookEndpointConnection = connectionTypes(WebhookEndpoint, 'WebhookEndpoint');
