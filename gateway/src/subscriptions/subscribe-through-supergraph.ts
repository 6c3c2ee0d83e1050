import {
  GraphQLError,
  Kind,
  getOperationAST,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FormattedExecutionResult,
  type DocumentNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { appScopeRefusal, PLATFORM_SCOPE, scopeOf, type Caller, type EventEnvelope, type Logger } from '@ultramarket/kit';
import type { GatewayContext } from '../gateway-context';
import { entityQueryFor, ENTITY_ID_VARIABLE, ENTITY_KEY, fragmentsOf, reshapeForSubscriber } from './entity-query';
import { EventQueue } from './event-queue';
import { coveredByEvent } from './event-entity';
import type { SequencedEvent } from './sequenced-feed';
import { checkResumable, decodeCursor, encodeCursor } from './stream-cursor';
import { subscriptionRequestOf } from './subscription-requests';
import { AggregateVersions } from './aggregate-versions';
import { CloseCodes } from './close-codes';
import { socketOf } from './subscriber-sockets';
import type { SubscriptionStats } from './subscription-stats';
import { overlayEventFields } from './event-overlay';
import type { EventFanout, Listening } from './event-fanout';
import type { SubscriptionField } from './subscription-field';

export type ExecuteThroughGateway = (document: DocumentNode, variables: Record<string, unknown>, context: GatewayContext) => Promise<FormattedExecutionResult>;

/** Results from the gateway carry formatted errors; graphql-ws needs GraphQLError instances. */
function toExecutionResult(result: FormattedExecutionResult): ExecutionResult {
  return {
    data: result.data as ExecutionResult['data'],
    errors: result.errors?.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions })),
  };
}

function failure(message: string, code: string): ExecutionResult {
  return { errors: [new GraphQLError(message, { extensions: { code } })] };
}

export interface SubscribeLimits {
  /** Events that may wait for one subscriber before it is closed as a slow consumer. */
  maxQueuedEvents: number;
  /** Bytes its socket may hold unsent before it is closed as a slow consumer. */
  maxBufferedBytes: number;
}

/** The probe that asks, as the subscriber, whether it may read the entity it wants to follow: parsed once per field. */
function probeDocument(field: SubscriptionField): DocumentNode {
  const { field: entityField, idArgument, idType } = field.entityQuery;
  return parse(`query SubscriptionProbe($id: ${idType}) { entity: ${entityField}(${idArgument}: $id) { __typename } }`);
}

/**
 * graphql-ws `subscribe`: listens for the field's event type and pushes, for each event about this
 * subscriber's entity, the subscriber's selection set, in event order, each push carrying the event's
 * stream position in `extensions.cursor`.
 *
 * Listening comes first: the feed's consumer is positioned, then the subscriber's right to follow the
 * entity is checked by reading it as the subscriber (the probe), then the client is told the
 * subscription listens (a graphql-ws `ping` with the cursor of that position; see subscription-requests.ts).
 * Whatever changes after that position is pushed, so a client that waits for the acknowledgement and
 * then reads the entity misses nothing. A subscribe message whose `extensions.after` holds a cursor
 * resumes: it is first sent, from JetStream, the events stored after that cursor, filtered exactly as
 * live ones, then the live ones, through one consumer (no gap, no repeat).
 *
 * A push whose selection the event itself covers (`eventEntity`: `orderStatusChanged { id status }`) is
 * answered from the event, without a supergraph round trip. Any other is resolved through the
 * supergraph with the subscriber's own context (so every subgraph's access rules apply), and
 * subscribers share one resolution per event when they ask the same thing with the same visibility:
 * the same normalised selection (aliases, fragment names and field order play no part: see
 * entity-query.ts), the same variables, and the same user, roles and store — what a subgraph answers
 * can depend on all three (a shopper's own order versus a staff view), so no wider sharing is assumed.
 * A subscriber that lets `maxQueuedEvents` pile up, or whose socket holds `maxBufferedBytes` unsent,
 * is closed with 4413 and its queues are dropped at once.
 */
export function createSubscribe(
  fields: SubscriptionField[],
  fanout: EventFanout,
  execute: ExecuteThroughGateway,
  logger: Logger,
  limits: SubscribeLimits = { maxQueuedEvents: Number.POSITIVE_INFINITY, maxBufferedBytes: Number.POSITIVE_INFINITY },
  stats?: SubscriptionStats,
) {
  const byName = new Map(fields.map((field) => [field.field, field]));
  const probes = new Map(fields.filter((field) => field.probeArgument).map((field) => [field.field, probeDocument(field)]));
  const sharedResolutions = new Map<string, Promise<FormattedExecutionResult>>();

  const resolveShared = (key: string, run: () => Promise<FormattedExecutionResult>) => {
    let pending = sharedResolutions.get(key);
    if (!pending) {
      if (stats) stats.eventExecutions += 1;
      pending = run();
      sharedResolutions.set(key, pending);
      // kept only while subscribers of this event are still catching up
      setTimeout(() => sharedResolutions.delete(key), 5000).unref();
    }
    return pending;
  };

  return async function subscribe(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
    const operation = getOperationAST(args.document, args.operationName);
    const rootField = operation?.selectionSet.selections[0];
    if (!operation || rootField?.kind !== Kind.FIELD) return failure('A subscription must select exactly one field', 'BAD_USER_INPUT');
    const field = byName.get(rootField.name.value);
    const fieldDefinition = args.schema.getSubscriptionType()?.getFields()[rootField.name.value];
    if (!field || !fieldDefinition) return failure(`Subscription ${rootField.name.value} is not served`, 'BAD_USER_INPUT');
    const context = args.contextValue as GatewayContext;
    const request = subscriptionRequestOf(context);
    const fieldArgs = getArgumentValues(fieldDefinition, rootField as FieldNode, args.variableValues ?? {});
    try {
      const app = context.caller.app;
      const appRefusal = app ? appScopeRefusal(app, [{ field: `Subscription.${field.field}`, scope: field.appScope }]) : undefined;
      if (appRefusal) throw appRefusal;
      field.authorize(fieldArgs, context.caller);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
    const { document, text } = entityQueryFor(args.document, operation, rootField, field);
    // what a subgraph answers depends on who asks (user, roles, store), not on which of their
    // tokens they hold: subscribers asking the same thing as the same caller share one resolution
    const { userId, roles, storeId } = context.caller;
    const documentKey = JSON.stringify([text, args.variableValues, userId, [...roles].sort(), storeId]);
    const events = new EventQueue<SequencedEvent>(limits.maxQueuedEvents);
    const untrack = stats?.track(events) ?? (() => undefined);
    const socket = context.connection ? socketOf(context.connection) : undefined;
    let stopped = false;
    let stopListening: () => void = () => undefined;
    let forgetSocket: () => void = () => undefined;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      events.close();
      untrack();
      forgetSocket();
      stopListening();
    };
    const onEvent = (item: SequencedEvent) => {
      const { event } = item;
      if (stopped || !inCallersStore(event, context.caller) || !field.matches(event, fieldArgs, context.caller)) return;
      if (!events.push(item) || (socket && socket.bufferedBytes() > limits.maxBufferedBytes)) {
        logger.warn({ eventType: field.eventType, queued: events.size, userId }, 'closing a slow subscription consumer');
        stop();
        // every subscription of the socket ends with it: its queues are dropped now, not when the close handshake ends
        socket?.closeAsSlowConsumer(CloseCodes.SLOW_CONSUMER, 'Slow consumer: events were not read fast enough');
      }
    };

    const versions = new AggregateVersions();
    const resume = async (after: unknown): Promise<Listening> => {
      const bounds = await fanout.bounds(field.eventType);
      const position = decodeCursor(after, bounds.stream);
      checkResumable(position, bounds);
      // what the subscriber last saw of its aggregate: nothing older is pushed after it
      if (position.seen) versions.admit({ aggregateId: position.seen.aggregateId, aggregateVersion: position.seen.version });
      return fanout.replay(field.eventType, position.seq, onEvent);
    };
    let listening: Listening;
    try {
      listening = request?.after !== undefined && request.after !== null ? await resume(request.after) : await fanout.listen(field.eventType, onEvent);
    } catch (error) {
      untrack();
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
    stopListening = listening.stop;
    if (stopped) stopListening();
    else if (socket) forgetSocket = socket.onClose(stop);

    // checked after listening starts, so nothing that happens once the subscriber may follow the entity is missed
    const probe = probes.get(field.field);
    if (probe && field.probeArgument) {
      let visible: FormattedExecutionResult;
      try {
        // a copy of the context: the gateway's own query, not charged to the subscriber's budget (the subscription was)
        visible = await execute(probe, { id: fieldArgs[field.probeArgument] }, { ...context });
      } catch (error) {
        stop();
        throw error;
      }
      if (!visible.data?.entity) {
        stop();
        return failure(`Nothing to follow: no ${field.entityQuery.field} ${String(fieldArgs[field.probeArgument])} is visible to you`, 'NOT_FOUND');
      }
    }
    if (stopped) return { data: null };
    request?.announceListening(encodeCursor({ stream: listening.stream, seq: listening.position }));

    const responseKey = rootField.alias?.value ?? rootField.name.value;
    const fragments = fragmentsOf(args.document);
    const fromEvent = (event: EventEnvelope): FormattedExecutionResult | null => {
      const entity = field.eventEntity?.(event);
      if (!entity || !coveredByEvent(rootField.selectionSet!, fragments, entity)) return null;
      if (stats) stats.eventsAnsweredFromEvent += 1;
      return { data: { [responseKey]: reshapeForSubscriber(entity, rootField.selectionSet!, fragments, args.schema) } };
    };
    const resolveEvent = async (event: EventEnvelope): Promise<FormattedExecutionResult | null> => {
      const answered = fromEvent(event);
      if (answered) return answered;
      const variables = { ...(args.variableValues ?? {}), [ENTITY_ID_VARIABLE]: field.entityIdOf(event) };
      const eventContext: GatewayContext = {
        ...context,
        correlationId: event.correlationId,
        forwardHeaders: { ...context.forwardHeaders, 'x-correlation-id': event.correlationId },
      };
      const shared = await resolveShared(`${event.id}:${documentKey}`, () => execute(document, variables, eventContext));
      const sharedEntity = shared.data?.[ENTITY_KEY];
      const result: FormattedExecutionResult = {
        data: shared.data ? { [responseKey]: reshapeForSubscriber(sharedEntity, rootField.selectionSet!, fragments, args.schema) } : shared.data,
        errors: shared.errors?.map((error) => (error.path?.[0] === ENTITY_KEY ? { ...error, path: [responseKey, ...error.path.slice(1)] } : error)),
      };
      if (!result.errors) delete result.errors;
      const entity = result.data?.[responseKey] as Record<string, unknown> | null | undefined;
      // an entity this subscriber may not see resolves to null: nothing to push
      if (entity === null && !result.errors?.length) return null;
      if (!entity || !field.eventFields) return result;
      const overlaid = overlayEventFields(entity, rootField.selectionSet!, fragments, field.eventFields(event));
      return { ...result, data: { ...result.data, [responseKey]: overlaid } };
    };
    const pending = events[Symbol.asyncIterator]();
    // A hand-written iterator rather than a generator: `return()` must end a subscriber that is
    // waiting for its next event at once (a suspended generator would only see it after that event).
    const results: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        for (;;) {
          const item = await pending.next();
          if (item.done) {
            stop();
            return { value: undefined, done: true };
          }
          if (context.connection && !(await context.connection.stillAuthorized())) {
            stop();
            context.connection.close(CloseCodes.FORBIDDEN, 'Forbidden');
            return { value: undefined, done: true };
          }
          const { event, seq } = item.value;
          // an event older than one already pushed would move the subscriber back in time
          if (!versions.admit(event)) continue;
          const seen = event.aggregateId && event.aggregateVersion > 0 ? { aggregateId: event.aggregateId, version: event.aggregateVersion } : undefined;
          const cursor = encodeCursor({ stream: listening.stream, seq, seen });
          try {
            const result = await resolveEvent(event);
            if (result) return { value: { ...toExecutionResult(result), extensions: { cursor } }, done: false };
          } catch (error) {
            logger.error({ err: error, eventId: event.id }, 'could not resolve a subscription event');
            return { value: { ...failure('Could not resolve this event', 'INTERNAL_SERVER_ERROR'), extensions: { cursor } }, done: false };
          }
        }
      },
      async return() {
        stop();
        return { value: undefined, done: true };
      },
    };
    return results;
  };
}

/**
 * A subscriber hears only the events of the store it acts in (its token's or its X-Store-Id's),
 * as its queries see only that store's rows; a platform admin without a store hears every store.
 */
function inCallersStore(event: EventEnvelope, caller: Caller): boolean {
  const scope = scopeOf(caller);
  return scope === PLATFORM_SCOPE || (scope !== null && event.storeId === scope);
}
