"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.listen = listen;
exports.closeGracefully = closeGracefully;
exports.stopOnSignals = stopOnSignals;
/** Starts listening; resolves with the bound port (PORT=0 picks a free one, as tests do). */
function listen(server, port, host) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : port);
        });
    });
}
/** Stops taking requests, lets in-flight ones finish (up to `graceMs`), then closes what is left. */
async function closeGracefully(server, graceMs) {
    if (!server.listening)
        return;
    const closed = new Promise((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(timer);
}
/** Runs a service until SIGINT/SIGTERM, then stops it once; a second signal exits at once. */
function stopOnSignals(stop, log) {
    let stopping = false;
    const onSignal = (signal) => {
        if (stopping)
            process.exit(1);
        stopping = true;
        log(`${signal} received: shutting down`);
        stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
}
//# sourceMappingURL=http-lifecycle.js.map