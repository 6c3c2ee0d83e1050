"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectRedis = connectRedis;
const ioredis_1 = __importDefault(require("ioredis"));
/** One Redis connection per process (token deny-list, caches, rate limits); fails at start when unreachable. */
async function connectRedis(url, logger) {
    const redis = new ioredis_1.default(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true });
    redis.on('error', (error) => logger.warn({ err: error }, 'redis connection'));
    try {
        await redis.connect();
    }
    catch (error) {
        redis.disconnect();
        throw new Error(`Redis is not reachable at ${url}: ${error.message} (start it with: redis-server)`);
    }
    return redis;
}
//# sourceMappingURL=redis-connection.js.map