'use strict';
/**
 * Waits until the saga has nothing left to do: every durable consumer of the bench namespace's
 * JetStream streams has no message pending and none delivered but unacknowledged (ephemeral consumers,
 * such as the gateway's live feeds, follow the streams for subscribers and are not the saga's work). P4 runs pgbench
 * only then, so the baseline does not share the machine with the tail of the saga round before it
 * (emails, customer statistics, read models catching up).
 */
const { connect } = require('nats');

const POLL_MS = 100;

class ConsumersIdle {
  constructor(namespace, natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222') {
    Object.assign(this, { namespace, natsUrl, connection: null });
  }

  /** Messages still to be handled, consumer by consumer (only those with some). */
  async backlog() {
    this.connection ??= await connect({ servers: this.natsUrl, name: 'ultramarket-bench-consumers-idle' });
    const jsm = await this.connection.jetstreamManager();
    const prefix = `${this.namespace.toUpperCase()}_`;
    const busy = {};
    for await (const stream of jsm.streams.names()) {
      if (!stream.startsWith(prefix)) continue;
      for await (const consumer of jsm.consumers.list(stream)) {
        if (!consumer.config.durable_name) continue;
        const left = consumer.num_pending + consumer.num_ack_pending;
        if (left > 0) busy[consumer.name] = left;
      }
    }
    return busy;
  }

  /** Deliveries beyond the first (retries: a handler failed, or its ack came too late), consumer by consumer (only those with some). */
  async redelivered() {
    this.connection ??= await connect({ servers: this.natsUrl, name: 'ultramarket-bench-consumers-idle' });
    const jsm = await this.connection.jetstreamManager();
    const prefix = `${this.namespace.toUpperCase()}_`;
    const retried = {};
    for await (const stream of jsm.streams.names()) {
      if (!stream.startsWith(prefix)) continue;
      for await (const consumer of jsm.consumers.list(stream)) {
        if (consumer.config.durable_name && consumer.num_redelivered > 0) retried[consumer.name] = consumer.num_redelivered;
      }
    }
    return retried;
  }

  /**
   * Resolves to how long it waited once two readings in a row, `POLL_MS` apart, find nothing left (an
   * event published between them is seen by the second); throws after `timeoutMs` with what is left.
   */
  async wait(timeoutMs = 60000) {
    const started = performance.now();
    let idleReadings = 0;
    for (;;) {
      const busy = await this.backlog();
      idleReadings = Object.keys(busy).length === 0 ? idleReadings + 1 : 0;
      if (idleReadings === 2) return performance.now() - started;
      if (performance.now() - started > timeoutMs) {
        throw new Error(`the saga's consumers were still busy after ${timeoutMs} ms: ${JSON.stringify(busy)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async close() {
    await this.connection?.close();
    this.connection = null;
  }
}

module.exports = { ConsumersIdle };
