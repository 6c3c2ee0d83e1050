/**
 * What a service prints when it cannot start. A configuration mistake is the operator's to fix: one line
 * naming the variable and what it needs. Anything else is a bug or an outage: its stack too.
 */
export declare function startFailureMessage(service: string, error: unknown): string;
/** Prints why `service` could not start and ends the process with 1. */
export declare function exitOnStartFailure(service: string, error: unknown): never;
