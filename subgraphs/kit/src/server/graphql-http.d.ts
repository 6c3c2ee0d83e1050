import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
export declare class PayloadTooLargeError extends Error {
}
/** The request body as text, refused past 1 MiB. */
export declare function readBody(request: IncomingMessage): Promise<string>;
/** The request body's bytes, refused past 1 MiB. Read from 'data' events: cheaper than an async iterator on the hot path. */
export declare function readBodyBytes(request: IncomingMessage): Promise<Buffer>;
/** One request header's value (the first, when it was sent more than once). */
export declare function headerValue(request: IncomingMessage, name: string): string | undefined;
/** A small JSON answer (health, readiness, errors outside GraphQL). */
export declare function sendJson(response: ServerResponse, status: number, body: unknown): void;
/** Node's parsed headers as Apollo's HeaderMap, repeated headers joined. */
export declare function headerMapOf(request: IncomingMessage): HeaderMap;
/** Why a request is turned away before its GraphQL is parsed: the HTTP status and a GraphQL error. */
export interface RequestRefusal {
    status: 401 | 403;
    code: string;
    message: string;
}
export interface GraphQLRequestOptions {
    /** Runs on the raw body, before it is parsed (subgraphs: the gateway's signature); a refusal ends the request. */
    admit?(request: IncomingMessage, body: Buffer): RequestRefusal | undefined;
}
/**
 * Serves one GraphQL request with Apollo Server on plain node:http (no framework in between); the
 * gateway's and every subgraph's hot path. The URL is parsed only when it has a query string.
 */
export declare function handleGraphQLRequest<TContext extends BaseContext>(apollo: ApolloServer<TContext>, request: IncomingMessage, response: ServerResponse, context: () => Promise<TContext>, options?: GraphQLRequestOptions): Promise<void>;
