import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { envReader, type Env } from '../config/env-reader';

/**
 * Every event's `data` has a published contract: schema/events/<type>.json, a JSON Schema that
 * `npm run schema` derives from the code publishing it (schema/scripts/event-schemas.js). Webhook
 * receivers rely on it, so the outbox checks what is really written against it before writing:
 * `enforce` (what the tests run with) refuses an event whose data breaks its contract or that has
 * none, `warn` logs it (the default outside production), `off` skips the check (production's default).
 */
export type EventContractMode = 'off' | 'warn' | 'enforce';

export class EventContractViolation extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`${eventType}'s data breaks its contract (schema/events/${eventType}.json): ${problems.join('; ')}`);
    this.name = 'EventContractViolation';
  }
}

/** `Date` values as JSON.stringify writes them (`2026-12-07T19:45:00.000Z`), and other RFC 3339 times. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Where the committed schemas live: schema/events at the repository's root (from src or dist alike). */
export const DEFAULT_CONTRACT_DIRECTORY = path.resolve(__dirname, '../../../../schema/events');

export class EventContract {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false }).addFormat('date-time', ISO_TIMESTAMP);
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor(
    readonly mode: EventContractMode,
    private readonly directory: string = DEFAULT_CONTRACT_DIRECTORY,
    private readonly warn: (message: string) => void = (message) => process.emitWarning(message, 'EventContractWarning'),
  ) {}

  /** Checks an event's data as it will be serialised; throws in `enforce`, warns in `warn`. */
  check(eventType: string, data: unknown): void {
    if (this.mode === 'off') return;
    const problems = this.problems(eventType, JSON.parse(JSON.stringify(data ?? null)) as unknown);
    if (problems.length === 0) return;
    const violation = new EventContractViolation(eventType, problems);
    if (this.mode === 'enforce') throw violation;
    this.warn(violation.message);
  }

  /** What is wrong with `data` as `eventType`'s payload; empty when it keeps the contract. */
  problems(eventType: string, data: unknown): string[] {
    const validate = this.validatorFor(eventType);
    if (!validate) return [`no contract: run npm run schema to write schema/events/${eventType}.json`];
    if (validate(data)) return [];
    return (validate.errors ?? []).map((error) => `data${error.instancePath.replace(/\//g, '.')} ${error.message ?? 'is invalid'}${extra(error.params)}`);
  }

  private validatorFor(eventType: string): ValidateFunction | null {
    if (!this.validators.has(eventType)) {
      const file = path.join(this.directory, `${eventType}.json`);
      const validator =
        /^[a-z0-9-]+\.[a-z0-9-]+$/.test(eventType) && existsSync(file) ? this.ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object) : null;
      this.validators.set(eventType, validator);
    }
    return this.validators.get(eventType) ?? null;
  }
}

function extra(params: Record<string, unknown>): string {
  if (typeof params.additionalProperty === 'string') return ` (${params.additionalProperty})`;
  if (Array.isArray(params.allowedValues)) return ` (${params.allowedValues.join(', ')})`;
  return '';
}

/** `EVENT_CONTRACT_CHECK`: off | warn | enforce; off in production, warn elsewhere unless set. */
export function readEventContractMode(env: Env = process.env): EventContractMode {
  const fallback: EventContractMode = env.NODE_ENV === 'production' ? 'off' : 'warn';
  return envReader(env).oneOf('EVENT_CONTRACT_CHECK', ['off', 'warn', 'enforce'] as const, fallback);
}

/** Where each contract is published: its `$id` (schema/scripts/event-schemas.js writes the same). */
export const CONTRACT_BASE_URL = 'https://ultramarket.dev/schema/events';

const versionsIn = new Map<string, Record<string, number>>();

/**
 * The address of the contract `eventType`'s data is published under at its current version
 * (schema/events/versions.json), e.g. `https://ultramarket.dev/schema/events/orders.created/v1.json`.
 */
export function contractUrl(eventType: string, directory: string = DEFAULT_CONTRACT_DIRECTORY): string {
  if (!versionsIn.has(directory)) {
    const file = path.join(directory, 'versions.json');
    versionsIn.set(directory, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {});
  }
  return `${CONTRACT_BASE_URL}/${eventType}/v${versionsIn.get(directory)![eventType] ?? 1}.json`;
}

let processContract: EventContract | undefined;

/** The process's contract checker, read from its environment once. */
export function eventContract(): EventContract {
  processContract ??= new EventContract(readEventContractMode());
  return processContract;
}
