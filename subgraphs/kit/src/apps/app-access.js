"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requiredAppScopes = requiredAppScopes;
exports.appScopeRefusal = appScopeRefusal;
const graphql_1 = require("graphql");
const error_codes_1 = require("../errors/error-codes");
const ROOT_TYPE_NAMES = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
/** The scope each root field of the operation needs under `access`. */
function requiredAppScopes(document, operationName, access) {
    const operation = operationOf(document, operationName);
    if (!operation)
        return [];
    const typeName = ROOT_TYPE_NAMES[operation.operation];
    const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === graphql_1.Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])));
    const fieldNames = new Set();
    const collect = (selectionSet, seen) => {
        for (const selection of selectionSet.selections) {
            if (selection.kind === graphql_1.Kind.FIELD)
                fieldNames.add(selection.name.value);
            else if (selection.kind === graphql_1.Kind.INLINE_FRAGMENT)
                collect(selection.selectionSet, seen);
            else if (!seen.has(selection.name.value)) {
                const fragment = fragments.get(selection.name.value);
                if (fragment)
                    collect(fragment.selectionSet, new Set([...seen, selection.name.value]));
            }
        }
    };
    collect(operation.selectionSet, new Set());
    const required = [];
    for (const name of fieldNames) {
        if (name === '__typename')
            continue;
        const field = `${typeName}.${name}`;
        required.push({ field, scope: scopeFor(field, typeName, name, access) });
    }
    return required;
}
function scopeFor(field, typeName, name, access) {
    if (!access)
        return null;
    if (access.fields && Object.hasOwn(access.fields, field))
        return access.fields[field];
    // the federation service field describes the subgraph to the gateway, never to an app
    if (name === '_service' || name.startsWith('__'))
        return null;
    return (typeName === 'Mutation' ? access.write : access.read) ?? null;
}
/** The FORBIDDEN error for the first root field the app may not use, or undefined when it may use them all. */
function appScopeRefusal(app, required) {
    for (const { field, scope } of required) {
        if (scope === null)
            return appForbidden(`Apps may not use ${field}: it is open to signed-in people only`, field, null);
        if (!app.scopes.includes(scope))
            return appForbidden(`This app lacks the scope ${scope}, which ${field} needs`, field, scope);
    }
    return undefined;
}
function appForbidden(message, field, requiredScope) {
    // `http` is read by Apollo Server and not sent: a 200 lets the gateway pass the code and reason on
    return new graphql_1.GraphQLError(message, { extensions: { code: error_codes_1.ErrorCode.FORBIDDEN, field, requiredScope, http: { status: 200 } } });
}
function operationOf(document, operationName) {
    const operations = document.definitions.filter((definition) => definition.kind === graphql_1.Kind.OPERATION_DEFINITION);
    return operationName ? operations.find((operation) => operation.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}
//# sourceMappingURL=app-access.js.map