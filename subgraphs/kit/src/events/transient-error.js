"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RetryableEventError = void 0;
exports.isTransientError = isTransientError;
/**
 * Thrown by a handler for a failure that will pass (a provider is briefly down, a row it needs is
 * still on its way): the event is retried with backoff for the whole retry window without counting
 * toward the dead letter.
 */
class RetryableEventError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'RetryableEventError';
    }
}
exports.RetryableEventError = RetryableEventError;
/** Socket-level failures: the database or NATS is unreachable, restarting, or cut us off. */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs that say "try again": class 08 (connection exceptions) is matched by prefix.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const TRANSIENT_SQLSTATES = new Set([
    '40001', // serialization_failure
    '40P01', // deadlock_detected
    '57P01', // admin_shutdown
    '57P02', // crash_shutdown
    '57P03', // cannot_connect_now (starting up, recovering)
    '53300', // too_many_connections
    '57014', // query_canceled (statement_timeout)
    '55P03', // lock_not_available (lock_timeout, NOWAIT)
]);
/** nats.js error codes for a request that found no server in time (disconnected, restarting, no JetStream leader yet). */
const TRANSIENT_NATS_CODES = new Set(['TIMEOUT', '503', 'CONNECTION_CLOSED', 'DISCONNECT', 'CONNECTION_REFUSED', 'CONNECTION_DRAINING']);
/**
 * What node-postgres and its pool say, in words only, when a connection goes away or none can be
 * had: these errors carry no code.
 */
const TRANSIENT_MESSAGES = [
    /connection terminated/i,
    /timeout exceeded when trying to connect/i,
    /connection timeout/i,
    /client has encountered a connection error and is not queryable/i,
    /client was closed and is not queryable/i,
    /cannot use a pool after calling end/i,
    /terminating connection/i,
    /the database system is (starting up|shutting down|in recovery mode)/i,
];
/**
 * Whether a handler's failure will likely pass on its own: a connection problem, a serialization or
 * deadlock conflict, a timeout, or a `RetryableEventError`. TypeORM's QueryFailedError copies the
 * driver's `code`; the driver error (`driverError`) and any `cause` are looked at too.
 */
function isTransientError(error, depth = 0) {
    if (error === null || typeof error !== 'object' || depth > 4)
        return false;
    if (error instanceof RetryableEventError)
        return true;
    const { code, message, driverError, cause } = error;
    if (typeof code === 'string') {
        if (TRANSIENT_SOCKET_CODES.has(code) || TRANSIENT_NATS_CODES.has(code) || TRANSIENT_SQLSTATES.has(code))
            return true;
        if (/^08[0-9A-Z]{3}$/.test(code))
            return true;
    }
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message)))
        return true;
    // a batch of parallel work (Promise.allSettled, AggregateError) is transient if any part was
    if (error instanceof AggregateError && error.errors.some((inner) => isTransientError(inner, depth + 1)))
        return true;
    return isTransientError(driverError, depth + 1) || isTransientError(cause, depth + 1);
}
//# sourceMappingURL=transient-error.js.map