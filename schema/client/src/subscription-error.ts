import type { GraphQLFormattedError } from 'graphql';

/** Close codes the gateway uses; see gateway/src/subscriptions/subscription-server.ts. */
const CLOSE_REASONS: Record<number, string> = { 4403: 'the token is missing, invalid, expired or revoked' };

/**
 * Why a subscription stopped or an event was refused: GraphQL errors from the gateway
 * (`graphQLErrors`), the socket closing (`closeCode`, 4403 when the token is refused), or a
 * transport failure (`cause`).
 */
export class SubscriptionError extends Error {
  override readonly name = 'SubscriptionError';

  constructor(
    message: string,
    readonly graphQLErrors: readonly GraphQLFormattedError[] = [],
    readonly closeCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** What graphql-ws hands a sink's `error` (GraphQL errors, a close event or anything else), as one type. */
  static from(error: unknown): SubscriptionError {
    if (error instanceof SubscriptionError) return error;
    if (Array.isArray(error)) return SubscriptionError.fromGraphQLErrors(error as GraphQLFormattedError[]);
    if (isCloseEvent(error)) {
      const reason = error.reason || CLOSE_REASONS[error.code] || 'no reason given';
      return new SubscriptionError(`The subscription socket closed with ${error.code}: ${reason}`, [], error.code, { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new SubscriptionError(`The subscription failed: ${message}`, [], null, { cause: error });
  }

  static fromGraphQLErrors(errors: readonly GraphQLFormattedError[]): SubscriptionError {
    return new SubscriptionError(errors.map((error) => error.message).join('; ') || 'GraphQL error', errors);
  }
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number' && 'reason' in value;
}
