"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = void 0;
exports.envReader = envReader;
/** Reads environment variables with types; an invalid value fails at start naming the variable. */
class ConfigError extends Error {
    constructor(variable, reason) {
        super(`Invalid configuration: ${variable} ${reason}`);
        this.variable = variable;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
function envReader(env = process.env) {
    const raw = (name) => {
        const value = env[name];
        return value === undefined || value.trim() === '' ? undefined : value.trim();
    };
    return {
        string(name, fallback) {
            const value = raw(name) ?? fallback;
            if (value === undefined)
                throw new ConfigError(name, 'is required');
            return value;
        },
        optionalString: raw,
        int(name, fallback, range = {}) {
            const value = raw(name);
            if (value === undefined)
                return fallback;
            if (!/^-?\d+$/.test(value))
                throw new ConfigError(name, `must be an integer, got "${value}"`);
            const parsed = Number(value);
            if (range.min !== undefined && parsed < range.min)
                throw new ConfigError(name, `must be >= ${range.min}, got ${parsed}`);
            if (range.max !== undefined && parsed > range.max)
                throw new ConfigError(name, `must be <= ${range.max}, got ${parsed}`);
            return parsed;
        },
        duration(name, fallbackMs, range = {}) {
            const value = raw(name);
            if (value === undefined)
                return fallbackMs;
            const match = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(value);
            if (!match)
                throw new ConfigError(name, `must be a duration such as 30s, 15m, 1h or 7d, got "${value}"`);
            const parsed = Number(match[1]) * DURATION_UNITS_MS[match[2] ?? 'ms'];
            if (range.min !== undefined && parsed < range.min)
                throw new ConfigError(name, `must be at least ${range.min} ms, got "${value}"`);
            if (range.max !== undefined && parsed > range.max)
                throw new ConfigError(name, `must be at most ${range.max} ms, got "${value}"`);
            return parsed;
        },
        bool(name, fallback) {
            const value = raw(name)?.toLowerCase();
            if (value === undefined)
                return fallback;
            if (['1', 'true', 'yes'].includes(value))
                return true;
            if (['0', 'false', 'no'].includes(value))
                return false;
            throw new ConfigError(name, `must be true or false, got "${value}"`);
        },
        oneOf(name, allowed, fallback) {
            const value = raw(name) ?? fallback;
            if (!allowed.includes(value))
                throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
            return value;
        },
        url(name, fallback, protocols) {
            const value = raw(name) ?? fallback;
            let parsed;
            try {
                parsed = new URL(value);
            }
            catch {
                throw new ConfigError(name, `must be a URL, got "${value}"`);
            }
            if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
                throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
            }
            return value;
        },
    };
}
//# sourceMappingURL=env-reader.js.map