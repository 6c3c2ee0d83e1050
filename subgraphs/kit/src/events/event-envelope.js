"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.envelopeFor = envelopeFor;
exports.parseEnvelope = parseEnvelope;
const node_crypto_1 = require("node:crypto");
function envelopeFor(event, trace) {
    return {
        id: (0, node_crypto_1.randomUUID)(),
        type: event.type,
        occurredAt: new Date().toISOString(),
        storeId: event.storeId,
        aggregateId: event.aggregateId,
        aggregateVersion: event.aggregateVersion ?? 0,
        causationId: trace.causationId,
        correlationId: trace.correlationId,
        data: event.data,
    };
}
function parseEnvelope(bytes) {
    const value = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (typeof value.id !== 'string' || typeof value.type !== 'string' || typeof value.aggregateId !== 'string' || typeof value.data !== 'object') {
        throw new Error('not an UltraMarket event envelope');
    }
    return value;
}
//# sourceMappingURL=event-envelope.js.map