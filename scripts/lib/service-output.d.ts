import type { ChildProcess } from 'node:child_process';

export type LogFormat = 'pretty' | 'json';

export interface ServiceOutput {
  format: LogFormat;
  formatLine(name: string, line: string, source?: 'stdout' | 'stderr'): string;
  formatMessage(message: string): string;
  serviceName(name: string): string;
  tick(): string;
  attach(name: string, child: ChildProcess, streams?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream }): void;
}

export function chooseLogFormat(options?: { argv?: string[]; env?: NodeJS.ProcessEnv; isTTY?: boolean }): LogFormat;
export function colorSupported(options?: { env?: NodeJS.ProcessEnv; isTTY?: boolean }): boolean;
export function splitLines(onLine: (line: string) => void): { push(chunk: Buffer | string): void; end(): void };
export function createServiceOutput(options?: { format?: LogFormat; color?: boolean; labelWidth?: number; ownName?: string }): ServiceOutput;
