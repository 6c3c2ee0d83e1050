import type { SubscriberConnection } from '../gateway-context';

/** The socket behind a subscriber's connection, as the subscriptions on it need it. */
export interface SubscriberSocket {
  /** Bytes accepted for sending that the network has not taken yet (`ws`'s bufferedAmount). */
  bufferedBytes(): number;
  /** Ends every subscription of the socket now and closes it with `code`. */
  closeAsSlowConsumer(code: number, reason: string): void;
  /** Runs `stop` when the socket's subscriptions must end (closed, or closed as a slow consumer); the result unregisters it. */
  onClose(stop: () => void): () => void;
}

const sockets = new WeakMap<SubscriberConnection, SubscriberSocket>();

export function bindSocket(connection: SubscriberConnection, socket: SubscriberSocket): void {
  sockets.set(connection, socket);
}

export function socketOf(connection: SubscriberConnection): SubscriberSocket | undefined {
  return sockets.get(connection);
}
