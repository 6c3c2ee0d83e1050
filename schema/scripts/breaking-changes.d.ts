/** Types for breaking-changes.js (plain JavaScript so generate.js runs it without a build). */
import type { BreakingChange, DangerousChange } from 'graphql';

export interface Change {
  type: string;
  description: string;
  /** `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive`…; null when graphql-js's wording is unknown */
  coordinate: string | null;
}

export interface ChangesEntry {
  kind: string;
  coordinate: string;
  reason: string;
  line: number;
}

export interface SchemaChangeResult {
  breaking: Change[];
  recorded: (Change & { entry: ChangesEntry })[];
  dangerous: Change[];
  problems: string[];
}

export function checkSchemaChange(input: { oldSdl: string; newSdl: string; changesMd?: string }): SchemaChangeResult;
export function parseChangesMd(markdown: string): { entries: ChangesEntry[]; problems: string[] };
export function coordinateOf(change: BreakingChange | DangerousChange): string | null;
export function changesRow(change: Change): string;
export const COORDINATES: Record<string, [RegExp, (...names: string[]) => string]>;
