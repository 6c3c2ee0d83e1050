import { UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { OrderChangeRefused } from '../order/order-commands';
import { changeReturn } from './change-return';
import { moveReturn } from './move-return';
import { ReturnLine } from './return-line.entity';
import { ReturnStatus } from './return-status';
import { CloseReturnPayload, MarkReturnReceivedPayload } from './return.payloads';
import type { MarkReturnReceivedInput, ReturnLineRestockInput, ReturnStepInput } from './return.inputs';

/**
 * The return's lines with the restock choices asked for applied (not saved): each choice must name a line of this
 * return (RETURN_LINE_NOT_FOUND otherwise, nothing written).
 */
export async function withRestockChoices(tx: Tx, returnId: string, storeId: string, choices: ReturnLineRestockInput[]): Promise<ReturnLine[]> {
  const lines = await tx.manager.getRepository(ReturnLine).find({ where: { returnId, storeId }, order: { id: 'ASC' } });
  const errors: UserError[] = [];
  choices.forEach((choice, index) => {
    const line = lines.find((candidate) => candidate.id === choice.returnLineId);
    if (!line) {
      errors.push(UserError.of('RETURN_LINE_NOT_FOUND', 'The return has no such line', ['input', 'lines', String(index), 'returnLineId']));
      return;
    }
    line.restock = choice.restock;
    line.locationId = choice.restock ? (choice.locationId ?? null) : null;
  });
  if (errors.length > 0) throw new OrderChangeRefused(...errors);
  return lines;
}

/**
 * Staff mark an APPROVED return's units back with the store, each line restocked or not (and where), or left to be
 * decided at the refund. Any other status is INVALID_TRANSITION. Nothing goes back into stock yet: the refund
 * restocks (inventory puts back the refund's restock lines), so stock never rises for units not refunded.
 */
export function markReturnReceived(context: SubgraphContext, input: MarkReturnReceivedInput): Promise<MarkReturnReceivedPayload> {
  return changeReturn(context, input.returnId, MarkReturnReceivedPayload, async (tx, order, found, who) => {
    const lines = await withRestockChoices(tx, found.id, order.storeId, input.lines ?? []);
    const received = await moveReturn(tx, order, found, ReturnStatus.RECEIVED, who, 'Returned units received');
    await tx.manager.getRepository(ReturnLine).save(lines);
    return MarkReturnReceivedPayload.ok(received);
  });
}

/** Staff close an APPROVED or RECEIVED return without a refund (a parcel never sent, an exchange settled elsewhere); final. */
export function closeReturn(context: SubgraphContext, input: ReturnStepInput): Promise<CloseReturnPayload> {
  return changeReturn(context, input.returnId, CloseReturnPayload, async (tx, order, found, who) => {
    if (found.refundId)
      throw new OrderChangeRefused(UserError.of('INVALID_TRANSITION', 'A return whose refund was asked for cannot be closed', ['input', 'returnId']));
    return CloseReturnPayload.ok(await moveReturn(tx, order, found, ReturnStatus.CLOSED, who, 'Return closed without a refund'));
  });
}
