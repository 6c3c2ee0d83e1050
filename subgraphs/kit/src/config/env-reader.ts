/** Reads environment variables with types; an invalid value fails at start naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export interface EnvReader {
  string(name: string, fallback?: string): string;
  optionalString(name: string): string | undefined;
  int(name: string, fallback: number, range?: { min?: number; max?: number }): number;
  bool(name: string, fallback: boolean): boolean;
  /** A duration in milliseconds, written `500ms`, `30s`, `15m`, `1h`, `7d` (or a bare number of milliseconds). */
  duration(name: string, fallbackMs: number, range?: { min?: number; max?: number }): number;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  url(name: string, fallback: string, protocols: readonly string[]): string;
}

export function envReader(env: Env = process.env): EnvReader {
  const raw = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  return {
    string(name, fallback) {
      const value = raw(name) ?? fallback;
      if (value === undefined) throw new ConfigError(name, 'is required');
      return value;
    },
    optionalString: raw,
    int(name, fallback, range = {}) {
      const value = raw(name);
      if (value === undefined) return fallback;
      if (!/^-?\d+$/.test(value)) throw new ConfigError(name, `must be an integer, got "${value}"`);
      const parsed = Number(value);
      if (range.min !== undefined && parsed < range.min) throw new ConfigError(name, `must be >= ${range.min}, got ${parsed}`);
      if (range.max !== undefined && parsed > range.max) throw new ConfigError(name, `must be <= ${range.max}, got ${parsed}`);
      return parsed;
    },
    duration(name, fallbackMs, range = {}) {
      const value = raw(name);
      if (value === undefined) return fallbackMs;
      const match = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(value);
      if (!match) throw new ConfigError(name, `must be a duration such as 30s, 15m, 1h or 7d, got "${value}"`);
      const parsed = Number(match[1]) * DURATION_UNITS_MS[match[2] ?? 'ms'];
      if (range.min !== undefined && parsed < range.min) throw new ConfigError(name, `must be at least ${range.min} ms, got "${value}"`);
      if (range.max !== undefined && parsed > range.max) throw new ConfigError(name, `must be at most ${range.max} ms, got "${value}"`);
      return parsed;
    },
    bool(name, fallback) {
      const value = raw(name)?.toLowerCase();
      if (value === undefined) return fallback;
      if (['1', 'true', 'yes'].includes(value)) return true;
      if (['0', 'false', 'no'].includes(value)) return false;
      throw new ConfigError(name, `must be true or false, got "${value}"`);
    },
    oneOf(name, allowed, fallback) {
      const value = raw(name) ?? fallback;
      if (!allowed.includes(value as never)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
      return value as (typeof allowed)[number];
    },
    url(name, fallback, protocols) {
      const value = raw(name) ?? fallback;
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        throw new ConfigError(name, `must be a URL, got "${value}"`);
      }
      if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
        throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
      }
      return value;
    },
  };
}
