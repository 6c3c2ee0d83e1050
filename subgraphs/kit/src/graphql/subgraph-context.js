"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.traceOf = traceOf;
/** The trace that events emitted by this request carry. */
function traceOf(context) {
    return { correlationId: context.correlationId, causationId: context.requestId };
}
//# sourceMappingURL=subgraph-context.js.map