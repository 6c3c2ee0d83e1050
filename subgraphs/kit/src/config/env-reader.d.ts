/** Reads environment variables with types; an invalid value fails at start naming the variable. */
export declare class ConfigError extends Error {
    readonly variable: string;
    constructor(variable: string, reason: string);
}
export type Env = Record<string, string | undefined>;
export interface EnvReader {
    string(name: string, fallback?: string): string;
    optionalString(name: string): string | undefined;
    int(name: string, fallback: number, range?: {
        min?: number;
        max?: number;
    }): number;
    bool(name: string, fallback: boolean): boolean;
    /** A duration in milliseconds, written `500ms`, `30s`, `15m`, `1h`, `7d` (or a bare number of milliseconds). */
    duration(name: string, fallbackMs: number, range?: {
        min?: number;
        max?: number;
    }): number;
    oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
    url(name: string, fallback: string, protocols: readonly string[]): string;
}
export declare function envReader(env?: Env): EnvReader;
