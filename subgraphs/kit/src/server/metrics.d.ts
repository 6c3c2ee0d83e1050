import { Counter, Histogram, Registry } from 'prom-client';
/**
 * A registry per process with Node's defaults and request timings; served on /metrics. `routeLabel`
 * maps a request path to a fixed set of label values (the built-in routes, `extraRoutes`, `other`),
 * so a scanner trying random paths cannot grow the series without bound.
 */
export declare function createMetrics(service: string, extraRoutes?: readonly string[]): {
    registry: Registry<"text/plain; version=0.0.4; charset=utf-8">;
    requestSeconds: Histogram<"status" | "route">;
    refusedRequests: Counter<"reason">;
    routeLabel: (path: string) => string;
};
