import { ConfigError } from '../config/env-reader';

/**
 * What a service prints when it cannot start. A configuration mistake is the operator's to fix: one line
 * naming the variable and what it needs. Anything else is a bug or an outage: its stack too.
 */
export function startFailureMessage(service: string, error: unknown): string {
  if (error instanceof ConfigError) return `${service} failed to start: ${error.message}`;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `${service} failed to start: ${detail}`;
}

/** Prints why `service` could not start and ends the process with 1. */
export function exitOnStartFailure(service: string, error: unknown): never {
  console.error(startFailureMessage(service, error));
  process.exit(1);
}
