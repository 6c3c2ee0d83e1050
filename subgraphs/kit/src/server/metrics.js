"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createMetrics = createMetrics;
const prom_client_1 = require("prom-client");
/** The routes every subgraph serves; anything else is labelled `other`. */
const BUILT_IN_ROUTES = ['/graphql', '/health', '/ready', '/metrics'];
/**
 * A registry per process with Node's defaults and request timings; served on /metrics. `routeLabel`
 * maps a request path to a fixed set of label values (the built-in routes, `extraRoutes`, `other`),
 * so a scanner trying random paths cannot grow the series without bound.
 */
function createMetrics(service, extraRoutes = []) {
    const registry = new prom_client_1.Registry();
    registry.setDefaultLabels({ service });
    (0, prom_client_1.collectDefaultMetrics)({ register: registry });
    const requestSeconds = new prom_client_1.Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration',
        labelNames: ['route', 'status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [registry],
    });
    const refusedRequests = new prom_client_1.Counter({
        name: 'gateway_signature_refusals_total',
        help: 'GraphQL requests refused for want of a valid gateway signature, by reason (missing, malformed, expired, mismatch)',
        labelNames: ['reason'],
        registers: [registry],
    });
    const known = new Set([...BUILT_IN_ROUTES, ...extraRoutes]);
    const routeLabel = (path) => (known.has(path) ? path : 'other');
    return { registry, requestSeconds, refusedRequests, routeLabel };
}
//# sourceMappingURL=metrics.js.map