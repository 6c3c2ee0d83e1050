import { DeviceChannel, PermanentDeliveryError, responseExcerpt, type ChannelProvider } from './channel-provider';

export interface TwilioSettings {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs: number;
}

/**
 * SMS through Twilio's Messages REST API (`POST {base}/2010-04-01/Accounts/{sid}/Messages.json`, form-encoded
 * `To`, `From`, `Body`, HTTP basic auth with the account SID and auth token), or any service compatible with it at
 * NOTIFICATIONS_TWILIO_BASE_URL. A 4xx other than 429 is a refusal of the message or number and is not retried;
 * 429, 5xx, timeouts and connection errors are.
 */
export function twilioSmsProvider(settings: TwilioSettings): ChannelProvider {
  const url = `${settings.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    channel: DeviceChannel.SMS,
    async send(message) {
      const body = new URLSearchParams({ To: message.to, From: settings.from, Body: `${message.title}\n${message.body}`.slice(0, 1600) });
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': message.id },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (response.ok) return String(((await response.json().catch(() => ({}))) as { sid?: unknown }).sid ?? '');
      const excerpt = await responseExcerpt(response);
      if (response.status >= 400 && response.status < 500 && response.status !== 429)
        throw new PermanentDeliveryError(`SMS refused (${response.status}): ${excerpt}`);
      throw new Error(`SMS provider answered ${response.status}: ${excerpt}`);
    },
  };
}
