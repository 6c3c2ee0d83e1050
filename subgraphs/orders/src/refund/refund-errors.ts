import { UserError } from '@ultramarket/kit';

/** An order or refund that is not there, or not the caller's store's (ids reveal nothing). */
export const refundNotFound = (field: string[]) => UserError.of('NOT_FOUND', 'No such order or refund', field);
