"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.followEvents = followEvents;
exports.followEventsResuming = followEventsResuming;
const nats_1 = require("nats");
const event_envelope_1 = require("./event-envelope");
const streams_1 = require("./streams");
/**
 * Every event of one type as JetStream stores it, to this process alone: an ordered consumer, so every
 * replica sees every event and nothing is acknowledged or shared (the opposite of a durable consumer,
 * where replicas share the work). Resolves once the consumer listens; `onEvent` gets each event with
 * the time it was stored; a message that is not an event, or that `onEvent` throws on, is logged and
 * skipped.
 */
async function followEvents(source, eventType, onEvent, options = {}) {
    const { js, jsm, names, logger } = source;
    const domain = names.domainOf(eventType);
    await (0, streams_1.ensureStream)(jsm, names, domain);
    const consumer = await js.consumers.get(names.stream(domain), {
        // one subject as a string: NATS 2.9 servers do not know filter_subjects
        filterSubjects: names.subject(eventType),
        // without a start time no deliver_policy: an ordered consumer starts at the stream's first message
        // by default (with DeliverPolicy.All spelled out, nats.js 2.29's consume() never resolved here)
        ...(options.since ? { deliver_policy: nats_1.DeliverPolicy.StartTime, opt_start_time: options.since.toISOString() } : {}),
    });
    const messages = await consumer.consume();
    void (async () => {
        try {
            for await (const message of messages) {
                try {
                    onEvent((0, event_envelope_1.parseEnvelope)(message.data), message.info.timestampNanos / 1_000_000);
                }
                catch (error) {
                    logger.warn({ err: error, subject: message.subject }, 'skipping a message this process cannot take');
                }
            }
            options.onEnd?.();
        }
        catch (error) {
            logger.error({ err: error, eventType }, 'live event feed stopped');
            options.onEnd?.(error);
        }
    })();
    return {
        stop: async () => {
            await messages.close().catch(() => undefined);
        },
    };
}
/**
 * `followEvents` that reopens itself: a feed that ends while not stopped is opened again every `retryMs`
 * from the time of the last event it delivered (or `since`), so what was stored meanwhile is still heard,
 * in order (an event on that very millisecond may be heard twice: handlers are idempotent). For per-process
 * followers that must outlive a NATS restart: response-cache invalidation, checkout replies.
 */
async function followEventsResuming(source, eventType, onEvent, options) {
    const retryMs = options.retryMs ?? 1000;
    let lastStoredAtMs = options.since.getTime();
    let stopped = false;
    let current = null;
    const open = async () => {
        const live = await followEvents(source, eventType, (event, storedAtMs) => {
            lastStoredAtMs = storedAtMs;
            onEvent(event, storedAtMs);
        }, { since: new Date(lastStoredAtMs), onEnd: (error) => lost(error) });
        if (stopped)
            await live.stop();
        else
            current = live;
    };
    const lost = (error) => {
        if (stopped)
            return;
        current = null;
        options.onLost?.(error);
        const reopen = () => {
            if (stopped)
                return;
            open().then(() => options.onBack?.(), (reopenError) => {
                source.logger.warn({ err: reopenError, eventType }, 'live event feed not back yet; trying again');
                setTimeout(reopen, retryMs).unref();
            });
        };
        setTimeout(reopen, retryMs).unref();
    };
    await open();
    return {
        stop: async () => {
            stopped = true;
            await current?.stop();
        },
    };
}
//# sourceMappingURL=live-events.js.map