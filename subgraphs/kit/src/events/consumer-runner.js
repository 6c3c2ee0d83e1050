"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsumerRunner = exports.DEFAULT_RETRY_WINDOW_MS = exports.TRANSIENT_RETRY_CAP_MS = exports.PermanentEventError = void 0;
exports.retryDelayMs = retryDelayMs;
const nats_1 = require("nats");
const event_envelope_1 = require("./event-envelope");
const streams_1 = require("./streams");
const store_scope_1 = require("../tenancy/store-scope");
const transient_error_1 = require("./transient-error");
/** Thrown by a handler for an event that can never succeed: it goes straight to the dead-letter subject. */
class PermanentEventError extends Error {
}
exports.PermanentEventError = PermanentEventError;
/** Redelivery delay after the n-th failed delivery: 200 ms, 400 ms, … capped at `capMs` (10 s; 30 s while an outage lasts). */
function retryDelayMs(deliveryCount, capMs = 10_000) {
    return Math.min(200 * 2 ** Math.min(deliveryCount - 1, 20), capMs);
}
/** The longest pause between two tries of an event that fails transiently (the database is down). */
exports.TRANSIENT_RETRY_CAP_MS = 30_000;
exports.DEFAULT_RETRY_WINDOW_MS = 60 * 60 * 1000;
/** Failure counts kept at most; past it they start again from nothing (which only grants more tries). */
const MAX_COUNTED_MESSAGES = 10_000;
/**
 * Durable JetStream consumers: explicit ack only after the handler's transaction commits, a
 * processed-event row per (consumer, event id) so redeliveries change nothing, nak with backoff on
 * passing failures, dead-letter after a bounded number of deliveries, bounded concurrency, and a
 * loop that re-subscribes when the connection or the consumer goes away.
 */
class ConsumerRunner {
    constructor(options) {
        this.options = options;
        this.stopped = false;
        this.subscriptions = new Set();
        this.loops = [];
        /**
         * Failures that count toward the dead letter, per message in flight on this replica (JetStream's
         * delivery count also counts transient ones). Forgotten once the message is acked or parked; a
         * restart starts the count again, which only means more tries.
         */
        this.countedFailures = new Map();
    }
    async start(handler) {
        const { jsm, names } = this.options;
        const domain = names.domainOf(handler.eventType);
        await (0, streams_1.ensureStream)(jsm, names, domain);
        const stream = names.stream(domain);
        const durable = names.durable(handler.name);
        const config = {
            durable_name: durable,
            ack_policy: nats_1.AckPolicy.Explicit,
            deliver_policy: nats_1.DeliverPolicy.All,
            // a string, not filter_subjects: the NATS 2.9 servers we run accept only one
            filter_subject: names.subject(handler.eventType),
            ack_wait: (0, nats_1.nanos)(this.options.ackWaitMs),
            max_ack_pending: 1000,
            // unlimited: the runner decides when to give up, so transient retries are never cut short
            max_deliver: -1,
        };
        try {
            await jsm.consumers.add(stream, config);
        }
        catch (error) {
            if (!String(error.message).includes('already'))
                throw error;
            await jsm.consumers.update(stream, durable, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending, max_deliver: config.max_deliver });
        }
        this.loops.push(this.consumeLoop(stream, durable, handler));
    }
    async stop() {
        this.stopped = true;
        for (const subscription of this.subscriptions)
            subscription.stop();
        await Promise.all(this.loops);
    }
    /**
     * Pulls up to `concurrency` messages at a time. Messages that arrive together (already waiting when
     * the loop gets to them) form a batch, which is split by store: each store's events are handled in
     * one transaction (`processGroup`); a lone event in its own (`process`).
     */
    async consumeLoop(stream, durable, handler) {
        const { js, logger, concurrency } = this.options;
        while (!this.stopped) {
            const inFlight = new Set();
            let waiting = [];
            let inFlightMessages = 0;
            const flush = () => {
                const batch = waiting;
                waiting = [];
                for (const group of groupByStore(batch)) {
                    inFlightMessages += group.length;
                    const processing = this.processGroup(group, durable, handler).finally(() => {
                        inFlight.delete(processing);
                        inFlightMessages -= group.length;
                    });
                    inFlight.add(processing);
                }
            };
            try {
                const consumer = await js.consumers.get(stream, durable);
                const messages = await consumer.consume({ max_messages: concurrency });
                this.subscriptions.add(messages);
                for await (const message of messages) {
                    // whatever else has arrived by the next turn of the event loop joins this message's batch
                    if (waiting.length === 0)
                        setImmediate(flush);
                    waiting.push(message);
                    if (waiting.length >= concurrency)
                        flush();
                    while (inFlightMessages + waiting.length >= concurrency && inFlight.size > 0)
                        await Promise.race(inFlight);
                }
                this.subscriptions.delete(messages);
            }
            catch (error) {
                if (!this.stopped)
                    logger.warn({ err: error, consumer: durable }, 'consumer interrupted; re-subscribing');
            }
            flush();
            await Promise.all(inFlight);
            if (!this.stopped)
                await new Promise((resolve) => setTimeout(resolve, 1000));
        }
    }
    /**
     * One store's events in one transaction: their processed-event records inserted by one statement,
     * each handler in a savepoint (a failing event is rolled back alone, its record with it, and
     * retried or parked as `failed` says), acks after the commit. Should the transaction itself fail
     * (the connection went, the commit failed), its events are handled again one by one.
     */
    async processGroup(group, durable, handler) {
        if (group.length === 1)
            return this.process(group[0], durable, handler);
        const { dataSource, unitOfWork, logger, onEventsEmitted } = this.options;
        const events = group.map((message) => ({ message, event: (0, event_envelope_1.parseEnvelope)(message.data) }));
        const logs = new Map(events.map(({ message, event }) => [
            message,
            logger.child({ consumer: durable, eventId: event.id, eventType: event.type, correlationId: event.correlationId }),
        ]));
        const failures = new Map();
        const emitted = [];
        const heartbeat = setInterval(() => group.forEach((message) => message.working()), Math.max(250, this.options.ackWaitMs / 2));
        try {
            await (0, store_scope_1.inScope)(dataSource, events[0].event.storeId ?? store_scope_1.PLATFORM_SCOPE, async (manager) => {
                const inserted = await manager.query(`INSERT INTO processed_event (consumer, event_id) SELECT $1, id FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id`, [durable, events.map(({ event }) => event.id)]);
                const fresh = new Set(inserted.map((row) => row.event_id));
                for (const { message, event } of events) {
                    // handled before (a redelivery), or a second copy of an event in this batch
                    if (!fresh.delete(event.id))
                        continue;
                    const mine = [];
                    await manager.query('SAVEPOINT consumer_event');
                    try {
                        await unitOfWork.runIn(manager, { correlationId: event.correlationId, causationId: event.id }, (tx) => handler.handle(event, tx, logs.get(message)), (entry) => mine.push(entry));
                        await manager.query('RELEASE SAVEPOINT consumer_event');
                        emitted.push(...mine);
                    }
                    catch (error) {
                        // if the connection is gone this throws too, and the whole batch is handled again one by one
                        await manager.query('ROLLBACK TO SAVEPOINT consumer_event');
                        await manager.query('DELETE FROM processed_event WHERE consumer = $1 AND event_id = $2', [durable, event.id]);
                        failures.set(message, error);
                    }
                }
            });
        }
        catch (error) {
            // during a database outage every batch fails this way: the one-by-one tries say so, once per event
            logger[(0, transient_error_1.isTransientError)(error) ? 'debug' : 'warn']({ err: error, consumer: durable, events: group.length }, 'batch transaction failed; handling its events one by one');
            clearInterval(heartbeat);
            await Promise.all(group.map((message) => this.process(message, durable, handler)));
            return;
        }
        finally {
            clearInterval(heartbeat);
        }
        for (const { message } of events) {
            if (failures.has(message)) {
                await this.failed(message, durable, failures.get(message), logs.get(message));
            }
            else {
                message.ack();
                this.countedFailures.delete(messageKey(durable, message));
            }
        }
        if (emitted.length > 0)
            onEventsEmitted(emitted);
    }
    async process(message, durable, handler) {
        const { dataSource, unitOfWork, logger, onEventsEmitted } = this.options;
        let event;
        try {
            event = (0, event_envelope_1.parseEnvelope)(message.data);
        }
        catch (error) {
            await this.deadLetter(message, durable, error);
            return;
        }
        const log = logger.child({ consumer: durable, eventId: event.id, eventType: event.type, correlationId: event.correlationId });
        // a slow handler (a provider call) tells JetStream it is still at it, so the event is not handed to another replica
        const heartbeat = setInterval(() => message.working(), Math.max(250, this.options.ackWaitMs / 2));
        try {
            const emitted = [];
            // the handler sees the event's store only; an event of no store (accounts') is platform-wide
            await (0, store_scope_1.inScope)(dataSource, event.storeId ?? store_scope_1.PLATFORM_SCOPE, async (manager) => {
                const fresh = await manager.query(`INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`, [durable, event.id]);
                if (fresh.length === 0) {
                    log.debug('event already handled; acknowledging the redelivery');
                    return;
                }
                await unitOfWork.runIn(manager, { correlationId: event.correlationId, causationId: event.id }, (tx) => handler.handle(event, tx, log), (entry) => emitted.push(entry));
            });
            message.ack();
            this.countedFailures.delete(messageKey(durable, message));
            if (emitted.length > 0)
                onEventsEmitted(emitted);
        }
        catch (error) {
            await this.failed(message, durable, error, log);
        }
        finally {
            clearInterval(heartbeat);
        }
    }
    /**
     * A failed try: a PermanentEventError is parked at once; a transient failure within the retry
     * window (from the event's publication) comes back after an exponential backoff capped at 30 s and
     * counts for nothing, so a database outage of up to the window parks nothing; any other failure
     * counts, and the `maxDeliveries`-th is parked.
     */
    async failed(message, durable, error, log) {
        const { maxDeliveries, retryWindowMs = exports.DEFAULT_RETRY_WINDOW_MS } = this.options;
        const deliveries = message.info.deliveryCount;
        const publishedAt = message.info.timestampNanos / 1_000_000;
        if (!(error instanceof PermanentEventError) && (0, transient_error_1.isTransientError)(error) && Date.now() - publishedAt < retryWindowMs) {
            // one warning when it starts and one every ten tries, not one per try of every event during an outage
            if (deliveries === 1 || deliveries % 10 === 0)
                log.warn({ err: error, deliveries }, 'event handling failed transiently; will retry');
            else
                log.debug({ err: error, deliveries }, 'event handling failed transiently; will retry');
            message.nak(retryDelayMs(deliveries, exports.TRANSIENT_RETRY_CAP_MS));
            return;
        }
        const key = messageKey(durable, message);
        const counted = (this.countedFailures.get(key) ?? 0) + 1;
        if (error instanceof PermanentEventError || counted >= maxDeliveries) {
            this.countedFailures.delete(key);
            log.error({ err: error, deliveries, failures: counted }, 'event handling failed for good; dead-lettered');
            await this.deadLetter(message, durable, error);
        }
        else {
            // a message that failed here and then succeeded on another replica leaves its count behind: bounded
            if (this.countedFailures.size >= MAX_COUNTED_MESSAGES)
                this.countedFailures.clear();
            this.countedFailures.set(key, counted);
            log.warn({ err: error, deliveries, failures: counted }, 'event handling failed; will retry');
            message.nak(retryDelayMs(counted));
        }
    }
    async deadLetter(message, durable, error) {
        const { js, names } = this.options;
        const headers = (0, nats_1.headers)();
        headers.set('Original-Subject', message.subject);
        headers.set('Consumer', durable);
        headers.set('Deliveries', String(message.info.deliveryCount));
        headers.set('Dead-Lettered-At', new Date().toISOString());
        headers.set('Error', String(error?.message ?? error).slice(0, 500));
        try {
            await js.publish(names.deadLetterSubject(durable), message.data, { headers, msgID: `${durable}:${message.info.streamSequence}` });
            message.term();
        }
        catch (publishError) {
            // cannot park it now: let it come back and try again
            message.nak(retryDelayMs(message.info.deliveryCount, exports.TRANSIENT_RETRY_CAP_MS));
            this.options.logger.error({ err: publishError }, 'could not publish to the dead-letter subject');
        }
    }
}
exports.ConsumerRunner = ConsumerRunner;
/**
 * Messages split by the store of their event, in arrival order within each store. A message that is
 * not an event envelope goes alone (`process` parks it).
 */
function groupByStore(messages) {
    const groups = new Map();
    const loners = [];
    for (const message of messages) {
        let storeId;
        try {
            storeId = (0, event_envelope_1.parseEnvelope)(message.data).storeId ?? store_scope_1.PLATFORM_SCOPE;
        }
        catch {
            loners.push([message]);
            continue;
        }
        const group = groups.get(storeId);
        if (group)
            group.push(message);
        else
            groups.set(storeId, [message]);
    }
    return [...groups.values(), ...loners];
}
function messageKey(durable, message) {
    return `${durable}:${message.info.streamSequence}`;
}
//# sourceMappingURL=consumer-runner.js.map