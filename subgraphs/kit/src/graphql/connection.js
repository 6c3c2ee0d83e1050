"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TwoWayPageArgs = exports.PageArgs = exports.PageInfo = exports.DEFAULT_PAGE_SIZE = exports.MAX_PAGE_SIZE = void 0;
exports.pageWindow = pageWindow;
exports.connectionTypes = connectionTypes;
exports.pageSize = pageSize;
exports.encodeCursor = encodeCursor;
exports.decodeCursor = decodeCursor;
exports.toConnection = toConnection;
exports.selectsField = selectsField;
const graphql_1 = require("graphql");
const type_graphql_1 = require("type-graphql");
const graphql_errors_1 = require("../errors/graphql-errors");
exports.MAX_PAGE_SIZE = 100;
exports.DEFAULT_PAGE_SIZE = 20;
let PageInfo = class PageInfo {
};
exports.PageInfo = PageInfo;
__decorate([
    (0, type_graphql_1.Field)({ description: 'Whether more items follow this page.' }),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasNextPage", void 0);
__decorate([
    (0, type_graphql_1.Field)({ description: 'Whether items precede this page.' }),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasPreviousPage", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Cursor of the first item of this page.' }),
    __metadata("design:type", Object)
], PageInfo.prototype, "startCursor", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' }),
    __metadata("design:type", Object)
], PageInfo.prototype, "endCursor", void 0);
exports.PageInfo = PageInfo = __decorate([
    (0, type_graphql_1.Directive)('@shareable'),
    (0, type_graphql_1.ObjectType)({ description: 'Relay page information.' })
], PageInfo);
/** `first` and `after`, the paging arguments of every connection field; extend it with filter and sort. */
let PageArgs = class PageArgs {
};
exports.PageArgs = PageArgs;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Page size, 1–100 (default 20).' }),
    __metadata("design:type", Number)
], PageArgs.prototype, "first", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Cursor after which the page starts (`pageInfo.endCursor`).' }),
    __metadata("design:type", String)
], PageArgs.prototype, "after", void 0);
exports.PageArgs = PageArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], PageArgs);
/** `PageArgs` plus `last` and `before`: a list that pages backward as well (Relay's four arguments). */
let TwoWayPageArgs = class TwoWayPageArgs extends PageArgs {
};
exports.TwoWayPageArgs = TwoWayPageArgs;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'Page size when paging backward, 1–100: the items just before `before` (or the last ones).' }),
    __metadata("design:type", Number)
], TwoWayPageArgs.prototype, "last", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'Cursor before which the page ends (`pageInfo.startCursor`); goes with `last`.' }),
    __metadata("design:type", String)
], TwoWayPageArgs.prototype, "before", void 0);
exports.TwoWayPageArgs = TwoWayPageArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], TwoWayPageArgs);
/** Validates Relay's paging arguments: `first`/`after` page forward, `last`/`before` backward; mixing them is BAD_USER_INPUT. */
function pageWindow(args) {
    const forward = (args.first ?? null) !== null || (args.after ?? null) !== null;
    const backward = (args.last ?? null) !== null || (args.before ?? null) !== null;
    if (forward && backward) {
        throw (0, graphql_errors_1.badUserInput)('Page forward (first/after) or backward (last/before), not both', [
            { field: ['last'], message: 'cannot be combined with first or after' },
        ]);
    }
    if (!backward)
        return { limit: pageSize(args.first), backward: false, after: args.after ?? null, before: null };
    let limit;
    try {
        limit = pageSize(args.last);
    }
    catch {
        throw (0, graphql_errors_1.badUserInput)(`last must be between 1 and ${exports.MAX_PAGE_SIZE}`, [{ field: ['last'], message: `must be between 1 and ${exports.MAX_PAGE_SIZE}` }]);
    }
    return { limit, backward: true, after: null, before: args.before ?? null };
}
/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
function connectionTypes(nodeType, name) {
    let Edge = class Edge {
    };
    __decorate([
        (0, type_graphql_1.Field)({ description: 'Opaque cursor of this edge.' }),
        __metadata("design:type", String)
    ], Edge.prototype, "cursor", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => nodeType, { description: `The ${name}.` }),
        __metadata("design:type", Object)
    ], Edge.prototype, "node", void 0);
    Edge = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Edge`, { description: `An edge in a ${name} connection.` })
    ], Edge);
    let ConnectionType = class ConnectionType {
    };
    __decorate([
        (0, type_graphql_1.Field)(() => [Edge], { description: 'Edges with cursors.' }),
        __metadata("design:type", Array)
    ], ConnectionType.prototype, "edges", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => [nodeType], { description: 'The items of this page, without cursors.' }),
        __metadata("design:type", Array)
    ], ConnectionType.prototype, "nodes", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => PageInfo, { description: 'Paging information.' }),
        __metadata("design:type", PageInfo)
    ], ConnectionType.prototype, "pageInfo", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'How many items match the filter in all pages.' }),
        __metadata("design:type", Number)
    ], ConnectionType.prototype, "totalCount", void 0);
    ConnectionType = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Connection`, { description: `A page of ${name} items (Relay connection).` })
    ], ConnectionType);
    return ConnectionType;
}
/** Validates `first` (1..100, default 20). */
function pageSize(first) {
    if (first === undefined || first === null)
        return exports.DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > exports.MAX_PAGE_SIZE) {
        throw (0, graphql_errors_1.badUserInput)(`first must be between 1 and ${exports.MAX_PAGE_SIZE}`, [{ field: ['first'], message: `must be between 1 and ${exports.MAX_PAGE_SIZE}` }]);
    }
    return first;
}
/** Keyset cursors: the sort value and the id of the last row seen, opaque to clients. */
function encodeCursor(sortValue, id) {
    return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}
function decodeCursor(cursor, argument = 'after') {
    try {
        const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[1] === 'string') {
            return decoded;
        }
    }
    catch {
        // fall through to the error below
    }
    throw (0, graphql_errors_1.badUserInput)(`${argument} is not a valid cursor`, [{ field: [argument], message: 'is not a cursor returned by this API' }]);
}
/** Turns `limit + 1` fetched rows into a connection page. */
function toConnection(rows, limit, totalCount, hasPrevious, cursorOf) {
    const nodes = rows.slice(0, limit);
    const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
    return {
        edges,
        nodes,
        totalCount,
        pageInfo: Object.assign(new PageInfo(), {
            hasNextPage: rows.length > limit,
            hasPreviousPage: hasPrevious,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges[edges.length - 1]?.cursor ?? null,
        }),
    };
}
/**
 * Whether the client asked for `fieldName` directly on this field's result (aliases, inline
 * fragments and fragment spreads included); lets a list skip its COUNT(*) when nobody reads totalCount.
 */
function selectsField(info, fieldName) {
    const visit = (selectionSet, seen) => (selectionSet?.selections ?? []).some((selection) => {
        if (selection.kind === graphql_1.Kind.FIELD)
            return selection.name.value === fieldName;
        if (selection.kind === graphql_1.Kind.INLINE_FRAGMENT)
            return visit(selection.selectionSet, seen);
        if (seen.has(selection.name.value))
            return false;
        seen.add(selection.name.value);
        return visit(info.fragments[selection.name.value]?.selectionSet, seen);
    });
    return info.fieldNodes.some((node) => visit(node.selectionSet, new Set()));
}
//# sourceMappingURL=connection.js.map