import type { UserError } from '@ultramarket/kit';

/**
 * A refusal found inside a change's transaction: thrown so the transaction rolls back (an item or
 * default location created on the way is not left behind), then answered as the user error it carries.
 */
export class Refusal extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
  }
}
