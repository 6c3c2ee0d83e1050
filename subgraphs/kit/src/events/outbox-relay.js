"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxRelay = void 0;
const nats_1 = require("nats");
const statement_counter_1 = require("../data/statement-counter");
/**
 * Publishes what transactions wrote to the outbox with Nats-Msg-Id = event id, so a second publish of
 * an event (both paths below, two replicas) is dropped by JetStream.
 *
 * - Right after commit (`publishCommitted`): the committed events are published from memory, in the
 *   transaction's order, all sent before any ack is awaited; their rows are then marked published
 *   in one UPDATE, together with those of every other commit whose acks came in meanwhile. No row is
 *   read and none is locked.
 * - The fallback (`kick`, and a poll every `pollMs`) publishes rows left unpublished (a crash between
 *   commit and publish, NATS down, a failed mark): it claims a batch in one statement (a short
 *   lease, `claimed_until`, so replicas share the work without holding row locks across the NATS
 *   round trip), publishes it in order, marks it. The poll leaves rows younger than
 *   `fallbackGraceMs` to the first path; `kick` takes every unclaimed row. While NATS is down it
 *   backs off and catches up when it returns.
 */
class OutboxRelay {
    constructor(dataSource, js, logger, pollMs, options = {}) {
        this.dataSource = dataSource;
        this.js = js;
        this.logger = logger;
        this.pollMs = pollMs;
        this.running = false;
        this.wakeRequested = false;
        this.timer = null;
        this.stopped = false;
        this.failures = 0;
        this.idle = Promise.resolve();
        this.inFlight = new Set();
        this.toMark = [];
        this.marking = null;
        this.batchSize = options.batchSize ?? 200;
        this.fallbackGraceMs = options.fallbackGraceMs ?? 5000;
        this.claimMs = options.claimMs ?? 30_000;
        this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    }
    start() {
        this.stopped = false;
        this.kick();
    }
    /**
     * Publishes a committed transaction's events now, from memory, then marks their rows published.
     * Does not wait: a failure leaves the rows to the fallback.
     */
    publishCommitted(events) {
        if (this.stopped || events.length === 0)
            return;
        // called from inside a request: leave its async context, this is background work
        statement_counter_1.requestScope.exit(() => {
            // every publish is sent before any ack is awaited, on one connection, so JetStream stores them in this order
            const acks = events.map((entry) => this.publish(entry));
            const settled = Promise.allSettled(acks).then((results) => {
                this.inFlight.delete(settled);
                const failed = results.filter((result) => result.status === 'rejected');
                if (failed.length > 0)
                    this.logger.warn({ err: failed[0].reason, events: failed.length }, 'publish after commit failed; the poll will');
                for (let index = 0; index < events.length; index += 1)
                    if (results[index].status === 'fulfilled')
                        this.toMark.push(events[index].id);
                return this.markPublished();
            });
            this.inFlight.add(settled);
        });
    }
    /** Publish every unpublished row now (at start; tests), whatever its age. */
    kick() {
        this.drainSoon(0);
    }
    async stop() {
        this.stopped = true;
        if (this.timer)
            clearTimeout(this.timer);
        await Promise.all(this.inFlight);
        await this.marking;
        await this.idle;
    }
    drainSoon(graceMs) {
        if (this.stopped)
            return;
        if (this.running) {
            this.wakeRequested = true;
            return;
        }
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = null;
        this.running = true;
        this.idle = statement_counter_1.requestScope
            .exit(() => this.drain(graceMs))
            .finally(() => {
            this.running = false;
            if (this.stopped)
                return;
            if (this.wakeRequested && this.failures === 0) {
                this.wakeRequested = false;
                this.kick();
            }
            else {
                // a failed round costs one query or one publish timeout: retry often, so an outage's backlog goes out within seconds of its end
                const delay = this.failures === 0 ? this.pollMs : Math.min(this.pollMs * 2 ** this.failures, 5000);
                this.timer = setTimeout(() => this.drainSoon(this.fallbackGraceMs), delay);
            }
        });
    }
    async drain(graceMs) {
        try {
            for (;;) {
                const published = await this.publishClaimedBatch(graceMs);
                if (published < this.batchSize)
                    break;
            }
            if (this.failures > 0)
                this.logger.info('outbox relay caught up');
            this.failures = 0;
        }
        catch (error) {
            this.failures += 1;
            if (this.failures === 1 || this.failures % 10 === 0)
                this.logger.warn({ err: error, failures: this.failures }, 'outbox relay cannot publish; will retry');
        }
    }
    /**
     * Claims a batch of unpublished rows (one statement, no lock kept), publishes it in order, marks
     * it published; on a failure the claim is given up so the next round retries at once.
     */
    async publishClaimedBatch(graceMs) {
        // an UPDATE's result through TypeORM: [returned rows, affected count]
        const [claimed] = (await this.dataSource.query(`UPDATE outbox_event SET claimed_until = now() + $3 * interval '1 millisecond'
       WHERE seq IN (
         SELECT seq FROM outbox_event
         WHERE published_at IS NULL AND created_at <= now() - $2 * interval '1 millisecond' AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING seq, id, subject, envelope`, [this.batchSize, graceMs, this.claimMs]));
        if (claimed.length === 0)
            return 0;
        const rows = claimed.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
        const ids = rows.map((row) => row.id);
        try {
            await Promise.all(rows.map((row) => this.publish(row)));
        }
        catch (error) {
            await this.dataSource
                .query(`UPDATE outbox_event SET claimed_until = NULL WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids])
                .catch(() => undefined);
            throw error;
        }
        await this.dataSource.query(`UPDATE outbox_event SET published_at = now(), claimed_until = NULL WHERE id = ANY($1::uuid[])`, [ids]);
        return rows.length;
    }
    publish(entry) {
        const headers = (0, nats_1.headers)();
        headers.set('Correlation-Id', String(entry.envelope.correlationId ?? ''));
        return this.js.publish(entry.subject, JSON.stringify(entry.envelope), { msgID: entry.id, headers, timeout: this.publishTimeoutMs });
    }
    /** Marks what the publish-after-commit path published, in one UPDATE per round however many commits it covers. */
    markPublished() {
        if (this.marking)
            return this.marking;
        this.marking = (async () => {
            try {
                while (this.toMark.length > 0) {
                    const ids = this.toMark.splice(0, this.toMark.length);
                    await this.dataSource
                        .query(`UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::uuid[]) AND published_at IS NULL`, [ids])
                        // the rows stay unpublished: the poll publishes them again, JetStream drops the duplicates
                        .catch((error) => this.logger.warn({ err: error, events: ids.length }, 'could not mark published events; the poll will re-publish them'));
                }
            }
            finally {
                this.marking = null;
            }
        })();
        return this.marking;
    }
}
exports.OutboxRelay = OutboxRelay;
//# sourceMappingURL=outbox-relay.js.map