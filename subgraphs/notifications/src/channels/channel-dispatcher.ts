import type { DataSource, EntityManager } from 'typeorm';
import { enterScope, inScope, periodicJob, PLATFORM_SCOPE, type Logger, type SubgraphRuntime } from '@ultramarket/kit';
import { retryDelayMs } from '../email/email-dispatcher';
import { PermanentDeliveryError, type ChannelProvider, type DeviceChannel } from './channel-provider';

interface DueMessage {
  id: string;
  store_id: string;
  channel: DeviceChannel;
  customer_id: string;
  recipient: string;
  title: string;
  body: string;
  attempts: number;
}

type Outcome = { sent: true; providerMessageId: string } | { sent: false; error: unknown };

export interface ChannelDispatcherOptions {
  pollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
}

const BATCH_SIZE = 20;

/**
 * Sends what the event handlers queued in `channel_outbox` through each channel's provider, as the email dispatcher
 * does for email: a batch of due messages locked with FOR UPDATE SKIP LOCKED (replicas share the work), sent, and
 * each outcome recorded in the same transaction in the message's store: SENT, a retry with exponential backoff, or
 * FAILED (refused for good, or out of attempts). A push token the gateway reports unregistered is forgotten.
 */
export class ChannelDispatcher {
  private readonly providers: Map<string, ChannelProvider>;

  constructor(
    private readonly dataSource: DataSource,
    providers: ChannelProvider[],
    private readonly logger: Logger,
    private readonly options: ChannelDispatcherOptions,
  ) {
    this.providers = new Map(providers.map((provider) => [provider.channel, provider]));
  }

  /** One round: batches of due messages until a batch comes back short. */
  async drain(): Promise<void> {
    while ((await this.sendBatch()) === BATCH_SIZE);
  }

  private async sendBatch(): Promise<number> {
    return inScope(this.dataSource, PLATFORM_SCOPE, async (manager) => {
      const due: DueMessage[] = await manager.query(
        `SELECT id, store_id, channel, customer_id, recipient, title, body, attempts FROM channel_outbox
          WHERE status = 'PENDING' AND next_attempt_at <= now() AND channel = ANY($2::text[])
          ORDER BY next_attempt_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE, [...this.providers.keys()]],
      );
      const outcomes = await Promise.all(due.map((message) => this.send(message)));
      for (const [index, message] of due.entries()) await this.record(manager, message, outcomes[index]);
      return due.length;
    });
  }

  private async send(message: DueMessage): Promise<Outcome> {
    try {
      const providerMessageId = await this.providers
        .get(message.channel)!
        .send({ id: message.id, to: message.recipient, title: message.title, body: message.body });
      return { sent: true, providerMessageId };
    } catch (error) {
      return { sent: false, error };
    }
  }

  private async record(manager: EntityManager, message: DueMessage, outcome: Outcome): Promise<void> {
    await enterScope(manager, message.store_id);
    const attempts = message.attempts + 1;
    if (outcome.sent) {
      await manager.query(
        `UPDATE channel_outbox SET status = 'SENT', attempts = $2, sent_at = now(), provider_message_id = $3, last_error = NULL WHERE id = $1`,
        [message.id, attempts, outcome.providerMessageId.slice(0, 200)],
      );
      return;
    }
    const reason = String((outcome.error as Error)?.message ?? outcome.error).slice(0, 1000);
    const permanent = outcome.error instanceof PermanentDeliveryError;
    if (permanent || attempts >= this.options.maxAttempts) {
      await manager.query(`UPDATE channel_outbox SET status = 'FAILED', attempts = $2, last_error = $3 WHERE id = $1`, [message.id, attempts, reason]);
      if (permanent && (outcome.error as PermanentDeliveryError).destinationGone) {
        await manager.query(`DELETE FROM notification_device WHERE store_id = $1 AND customer_id = $2 AND channel = $3 AND address = $4`, [
          message.store_id,
          message.customer_id,
          message.channel,
          message.recipient,
        ]);
      }
      this.logger.error({ messageId: message.id, channel: message.channel, attempts, reason }, 'message given up');
      return;
    }
    const delayMs = retryDelayMs(attempts, this.options.retryBaseMs);
    await manager.query(`UPDATE channel_outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond' WHERE id = $1`, [
      message.id,
      attempts,
      reason,
      delayMs,
    ]);
    this.logger.warn({ messageId: message.id, channel: message.channel, attempts, delayMs, reason }, 'message not sent; will retry');
  }
}

/** The background job that runs a channel dispatcher's rounds for the configured providers (the kit's periodic job). */
export function channelDispatcherJob(providers: ChannelProvider[], options: ChannelDispatcherOptions) {
  return (runtime: SubgraphRuntime) => {
    const dispatcher = new ChannelDispatcher(runtime.dataSource, providers, runtime.logger.child({ component: 'channel-dispatcher' }), options);
    return periodicJob('channel dispatcher round (database unreachable?)', options.pollMs, () => dispatcher.drain())(runtime);
  };
}
