import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from '../errors/graphql-errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@Directive('@shareable')
@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage: boolean;

  @Field({ description: 'Whether items precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor: string | null;
}

/** `first` and `after`, the paging arguments of every connection field; extend it with filter and sort. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (`pageInfo.endCursor`).' })
  after?: string;
}

/** `PageArgs` plus `last` and `before`: a list that pages backward as well (Relay's four arguments). */
@ArgsType()
export class TwoWayPageArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size when paging backward, 1–100: the items just before `before` (or the last ones).' })
  last?: number;

  @Field(() => String, { nullable: true, description: 'Cursor before which the page ends (`pageInfo.startCursor`); goes with `last`.' })
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
export function pageWindow(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }): PageWindow {
  const forward = (args.first ?? null) !== null || (args.after ?? null) !== null;
  const backward = (args.last ?? null) !== null || (args.before ?? null) !== null;
  if (forward && backward) {
    throw badUserInput('Page forward (first/after) or backward (last/before), not both', [
      { field: ['last'], message: 'cannot be combined with first or after' },
    ]);
  }
  if (!backward) return { limit: pageSize(args.first), backward: false, after: args.after ?? null, before: null };
  let limit: number;
  try {
    limit = pageSize(args.last);
  } catch {
    throw badUserInput(`last must be between 1 and ${MAX_PAGE_SIZE}`, [{ field: ['last'], message: `must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  return { limit, backward: true, after: null, before: args.before ?? null };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name} connection.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay connection).` })
  class ConnectionType implements Connection<T> {
    @Field(() => [Edge], { description: 'Edges with cursors.' })
    edges: Edge[];

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter in all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}

/** Validates `first` (1..100, default 20). */
export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, [{ field: ['first'], message: `must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  return first;
}

/** Keyset cursors: the sort value and the id of the last row seen, opaque to clients. */
export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string, argument: 'after' | 'before' = 'after'): [string | number, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[1] === 'string') {
      return decoded as [string | number, string];
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`${argument} is not a valid cursor`, [{ field: [argument], message: 'is not a cursor returned by this API' }]);
}

/** Turns `limit + 1` fetched rows into a connection page. */
export function toConnection<T>(rows: T[], limit: number, totalCount: number, hasPrevious: boolean, cursorOf: (row: T) => string): Connection<T> {
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
export function selectsField(info: GraphQLResolveInfo, fieldName: string): boolean {
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === fieldName;
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet, seen);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return visit(info.fragments[selection.name.value]?.selectionSet, seen);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet, new Set()));
}
