import type { ChannelsConfig } from '../notifications.config';
import type { ChannelProvider } from './channel-provider';
import { twilioSmsProvider } from './twilio-sms.provider';
import { httpPushProvider } from './http-push.provider';

/** The providers the configuration chooses (none for a channel that is off). */
export function channelProviders(config: ChannelsConfig): ChannelProvider[] {
  return [
    ...(config.sms.provider === 'twilio' ? [twilioSmsProvider({ ...config.sms, timeoutMs: config.timeoutMs })] : []),
    ...(config.push.provider === 'http' ? [httpPushProvider({ ...config.push, timeoutMs: config.timeoutMs })] : []),
  ];
}
