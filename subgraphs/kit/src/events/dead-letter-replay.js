"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.replayDeadLetters = replayDeadLetters;
const nats_1 = require("nats");
/**
 * Re-drives a consumer's dead letters: each is republished to the subject it was first published on
 * (its Original-Subject header) under a new Nats-Msg-Id (the event id alone would be dropped as a
 * duplicate within the stream's window), then deleted from the dead-letter stream. The consumer
 * handles it again (its failed try left no processed-event record); every other consumer of that
 * subject has a record for the event id and acknowledges the copy without effect.
 */
async function replayDeadLetters(options) {
    const { js, jsm, names, limit = 1000, dryRun = false, maxEventAgeMs = Number.POSITIVE_INFINITY } = options;
    const durable = durableOf(names, options.consumer);
    const stream = names.deadLetterStream();
    const subject = names.deadLetterSubject(durable);
    const info = await jsm.streams.info(stream, { subjects_filter: subject });
    const waiting = info.state.subjects?.[subject] ?? 0;
    if (waiting === 0)
        return [];
    const reader = await js.consumers.get(stream, { filterSubjects: subject });
    const letters = [];
    const messages = await reader.fetch({ max_messages: Math.min(limit, waiting), expires: 5000 });
    for await (const message of messages) {
        const sequence = message.info.streamSequence;
        const header = (name) => message.headers?.get(name) || null;
        const originalSubject = header('Original-Subject');
        const envelope = parse(message.data);
        const letter = {
            sequence,
            eventId: envelope?.id ?? null,
            eventType: envelope?.type ?? null,
            subject: originalSubject,
            error: header('Error') ?? '',
            outcome: dryRun ? 'would replay' : 'replayed',
        };
        letters.push(letter);
        if (!originalSubject || !envelope) {
            Object.assign(letter, { outcome: 'skipped', reason: 'not an event envelope with an Original-Subject header: nothing to re-drive' });
        }
        else if (Date.now() - Date.parse(envelope.occurredAt) > maxEventAgeMs) {
            Object.assign(letter, { outcome: 'skipped', reason: 'older than PROCESSED_EVENT_RETENTION: other consumers may no longer know they handled it' });
        }
        else if (!dryRun) {
            const headers = (0, nats_1.headers)();
            headers.set('Correlation-Id', envelope.correlationId ?? '');
            headers.set('Replayed-From', `${stream}:${sequence}`);
            await js.publish(originalSubject, message.data, { msgID: `${envelope.id}:replay:${sequence}`, headers, timeout: 5000 });
            await jsm.streams.deleteMessage(stream, sequence, false);
        }
        if (letters.length >= limit)
            break;
    }
    return letters;
}
/** A handler name becomes its durable name; a durable name (already namespaced) is taken as it is. */
function durableOf(names, consumer) {
    const prefix = names.namespace ? `${names.namespace}_` : '';
    return prefix && consumer.startsWith(prefix) ? consumer : names.durable(consumer);
}
function parse(data) {
    try {
        const value = JSON.parse(Buffer.from(data).toString('utf8'));
        return typeof value.id === 'string' && typeof value.type === 'string' && typeof value.occurredAt === 'string'
            ? { id: value.id, type: value.type, occurredAt: value.occurredAt, correlationId: value.correlationId }
            : null;
    }
    catch {
        return null;
    }
}
//# sourceMappingURL=dead-letter-replay.js.map