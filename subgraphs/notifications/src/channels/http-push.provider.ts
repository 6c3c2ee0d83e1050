import { DeviceChannel, PermanentDeliveryError, responseExcerpt, type ChannelProvider } from './channel-provider';

export interface HttpPushSettings {
  /** The gateway's send endpoint, e.g. `https://push.example/v1/projects/shop/messages:send`. */
  url: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * Push through an FCM-HTTP-v1-compatible gateway: each message is POSTed as FCM v1's
 * `{ message: { token, notification: { title, body }, data: { notificationId } } }` with a bearer key (a push relay
 * that holds the Firebase or APNs credentials, or a service speaking the same format). 404 and 410 mean the token is
 * no longer registered (FCM's UNREGISTERED): the message is given up and the token forgotten; other 4xx but 429 are
 * refusals, not retried; 429, 5xx, timeouts and connection errors are retried.
 */
export function httpPushProvider(settings: HttpPushSettings): ChannelProvider {
  return {
    channel: DeviceChannel.PUSH,
    async send(message) {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${settings.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: { token: message.to, notification: { title: message.title, body: message.body }, data: { messageId: message.id } } }),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (response.ok) return String(((await response.json().catch(() => ({}))) as { name?: unknown }).name ?? '');
      const excerpt = await responseExcerpt(response);
      if (response.status === 404 || response.status === 410) throw new PermanentDeliveryError(`push token no longer registered (${response.status})`, true);
      if (response.status >= 400 && response.status < 500 && response.status !== 429)
        throw new PermanentDeliveryError(`push refused (${response.status}): ${excerpt}`);
      throw new Error(`push gateway answered ${response.status}: ${excerpt}`);
    },
  };
}
