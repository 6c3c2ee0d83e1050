"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectNats = connectNats;
const nats_1 = require("nats");
/** One connection per process that reconnects forever; status changes are logged. */
async function connectNats(url, name, logger) {
    let connection;
    try {
        connection = await (0, nats_1.connect)({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, waitOnFirstConnect: false });
    }
    catch (error) {
        throw new Error(`NATS is not reachable at ${url}: ${error.message} (start it with: nats-server -js)`);
    }
    void (async () => {
        for await (const status of connection.status()) {
            if (status.type === 'disconnect' || status.type === 'reconnect')
                logger.warn({ status: status.type, data: status.data }, 'nats connection');
        }
    })();
    return connection;
}
//# sourceMappingURL=nats-connection.js.map