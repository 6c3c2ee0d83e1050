/** Types for event-schemas.js (plain JavaScript so generate.js runs it without a build). */

/** Every published subject's data contract, keyed by its path under schema/ (`events/<subject>.json`), plus `events/versions.json`. */
export function eventSchemaFiles(root: string): Record<string, string>;

/** Breaking changes between the committed contracts under `<root>/schema/events` and `files` at the same version. */
export function breakingEventChanges(root: string, files: Record<string, string>): string[];
