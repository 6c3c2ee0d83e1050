import type { SubgraphContext } from '@ultramarket/kit';
import { changeReturn } from './change-return';
import { moveReturn } from './move-return';
import { ReturnStatus } from './return-status';
import { ApproveReturnPayload, RejectReturnPayload } from './return.payloads';
import type { RejectReturnInput, ReturnStepInput } from './return.inputs';

/** Staff accept a REQUESTED return: the shopper may send the units back. Any other status is INVALID_TRANSITION. */
export function approveReturn(context: SubgraphContext, input: ReturnStepInput): Promise<ApproveReturnPayload> {
  return changeReturn(context, input.returnId, ApproveReturnPayload, async (tx, order, found, who) =>
    ApproveReturnPayload.ok(await moveReturn(tx, order, found, ReturnStatus.APPROVED, who, 'Return approved')),
  );
}

/** Staff refuse a REQUESTED return with a reason the shopper is told; final. Any other status is INVALID_TRANSITION. */
export function rejectReturn(context: SubgraphContext, input: RejectReturnInput): Promise<RejectReturnPayload> {
  return changeReturn(context, input.returnId, RejectReturnPayload, async (tx, order, found, who) => {
    found.rejectReason = input.reason;
    return RejectReturnPayload.ok(await moveReturn(tx, order, found, ReturnStatus.REJECTED, who, `Return rejected: ${input.reason}`));
  });
}
