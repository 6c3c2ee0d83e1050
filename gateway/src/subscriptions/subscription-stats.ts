/** What the subscription machinery holds and does, for /metrics (and the tests that prove the limits). */
export class SubscriptionStats {
  /** Supergraph executions run to resolve events (one per event per distinct shared document). */
  eventExecutions = 0;
  /** Pushes answered from the event itself, with no supergraph execution (the selection was covered by it). */
  eventsAnsweredFromEvent = 0;
  /** Subscribers closed for not keeping up (close code 4413). */
  slowConsumersClosed = 0;
  /** WebSocket connections and subscriptions refused by a limit, by reason. */
  readonly refused: Record<string, number> = {};
  openSockets = 0;
  private readonly queues = new Set<{ readonly size: number }>();

  track(queue: { readonly size: number }): () => void {
    this.queues.add(queue);
    return () => this.queues.delete(queue);
  }

  refuse(reason: string): void {
    this.refused[reason] = (this.refused[reason] ?? 0) + 1;
  }

  get activeSubscriptions(): number {
    return this.queues.size;
  }

  get queuedEvents(): number {
    let total = 0;
    for (const queue of this.queues) total += queue.size;
    return total;
  }

  /** Prometheus text exposition. */
  toPrometheus(): string {
    const lines = [
      '# TYPE gateway_subscription_event_executions_total counter',
      `gateway_subscription_event_executions_total ${this.eventExecutions}`,
      '# TYPE gateway_subscription_pushes_from_event_total counter',
      `gateway_subscription_pushes_from_event_total ${this.eventsAnsweredFromEvent}`,
      '# TYPE gateway_subscription_slow_consumers_closed_total counter',
      `gateway_subscription_slow_consumers_closed_total ${this.slowConsumersClosed}`,
      '# TYPE gateway_websocket_refusals_total counter',
      ...Object.entries(this.refused).map(([reason, count]) => `gateway_websocket_refusals_total{reason="${reason}"} ${count}`),
      '# TYPE gateway_websocket_open_sockets gauge',
      `gateway_websocket_open_sockets ${this.openSockets}`,
      '# TYPE gateway_subscriptions_active gauge',
      `gateway_subscriptions_active ${this.activeSubscriptions}`,
      '# TYPE gateway_subscription_queued_events gauge',
      `gateway_subscription_queued_events ${this.queuedEvents}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
