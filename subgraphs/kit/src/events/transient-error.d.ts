/**
 * Thrown by a handler for a failure that will pass (a provider is briefly down, a row it needs is
 * still on its way): the event is retried with backoff for the whole retry window without counting
 * toward the dead letter.
 */
export declare class RetryableEventError extends Error {
    constructor(message: string, options?: {
        cause?: unknown;
    });
}
/**
 * Whether a handler's failure will likely pass on its own: a connection problem, a serialization or
 * deadlock conflict, a timeout, or a `RetryableEventError`. TypeORM's QueryFailedError copies the
 * driver's `code`; the driver error (`driverError`) and any `cause` are looked at too.
 */
export declare function isTransientError(error: unknown, depth?: number): boolean;
