import { registerEnumType } from 'type-graphql';

/** The channels besides email (email has its own outbox and SMTP transport). */
export enum DeviceChannel {
  SMS = 'SMS',
  PUSH = 'PUSH',
}

registerEnumType(DeviceChannel, {
  name: 'NotificationDeviceChannel',
  description: 'A channel that reaches a customer on a device they registered.',
  valuesConfig: {
    SMS: { description: 'Text messages to a phone number (E.164).' },
    PUSH: { description: "Push notifications to an app's device token." },
  },
});

/** One message as the channel dispatcher hands it to a provider. */
export interface ChannelMessage {
  /** The outbox row id: sent along so a provider (or receiver) can spot a repeat. */
  id: string;
  /** A phone number (E.164) or a push token. */
  to: string;
  title: string;
  body: string;
}

/** Why a provider refused a message for good (a 4xx about the message or the number/token): it is not retried. */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    /** The destination no longer exists (an unregistered push token): it is forgotten. */
    readonly destinationGone = false,
  ) {
    super(message);
  }
}

/** What the dispatcher needs from an SMS or push provider. */
export interface ChannelProvider {
  channel: DeviceChannel;
  /** Sends one message; resolves with the provider's message id. Throws PermanentDeliveryError for refusals that will not pass. */
  send(message: ChannelMessage): Promise<string>;
}

/** A response body, at most 500 characters of it, for the error recorded. */
export async function responseExcerpt(response: Response): Promise<string> {
  return (await response.text().catch(() => '')).slice(0, 500);
}
