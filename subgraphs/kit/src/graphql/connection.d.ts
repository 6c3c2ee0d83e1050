import { type GraphQLResolveInfo } from 'graphql';
import { type ClassType } from 'type-graphql';
export declare const MAX_PAGE_SIZE = 100;
export declare const DEFAULT_PAGE_SIZE = 20;
export declare class PageInfo {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
}
/** `first` and `after`, the paging arguments of every connection field; extend it with filter and sort. */
export declare class PageArgs {
    first?: number;
    after?: string;
}
/** `PageArgs` plus `last` and `before`: a list that pages backward as well (Relay's four arguments). */
export declare class TwoWayPageArgs extends PageArgs {
    last?: number;
    before?: string;
}
/** Which page `first`/`after` or `last`/`before` ask for: forward or backward, never both. */
export interface PageWindow {
    limit: number;
    backward: boolean;
    after: string | null;
    before: string | null;
}
/** Validates Relay's paging arguments: `first`/`after` page forward, `last`/`before` backward; mixing them is BAD_USER_INPUT. */
export declare function pageWindow(args: {
    first?: number | null;
    after?: string | null;
    last?: number | null;
    before?: string | null;
}): PageWindow;
export interface Connection<T> {
    edges: {
        cursor: string;
        node: T;
    }[];
    nodes: T[];
    pageInfo: PageInfo;
    totalCount: number;
}
/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export declare function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string): {
    new (): {
        edges: {
            cursor: string;
            node: T;
        }[];
        nodes: T[];
        pageInfo: PageInfo;
        totalCount: number;
    };
};
/** Validates `first` (1..100, default 20). */
export declare function pageSize(first: number | undefined | null): number;
/** Keyset cursors: the sort value and the id of the last row seen, opaque to clients. */
export declare function encodeCursor(sortValue: string | number, id: string): string;
export declare function decodeCursor(cursor: string, argument?: 'after' | 'before'): [string | number, string];
/** Turns `limit + 1` fetched rows into a connection page. */
export declare function toConnection<T>(rows: T[], limit: number, totalCount: number, hasPrevious: boolean, cursorOf: (row: T) => string): Connection<T>;
/**
 * Whether the client asked for `fieldName` directly on this field's result (aliases, inline
 * fragments and fragment spreads included); lets a list skip its COUNT(*) when nobody reads totalCount.
 */
export declare function selectsField(info: GraphQLResolveInfo, fieldName: string): boolean;
