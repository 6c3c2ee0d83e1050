/**
 * Typed document nodes for every operation under schema/operations, and the schema and operation
 * types they carry. Apollo Client, urql and graphql-request read the result and variable types from
 * the document itself; this entry point pulls in no GraphQL client.
 */
export * from './generated/graphql';
