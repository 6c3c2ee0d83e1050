import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import {
  AdjustStockInput,
  AdjustStockPayload,
  SetIncomingInput,
  SetIncomingPayload,
  SetLowStockThresholdInput,
  SetLowStockThresholdPayload,
  SetStockInput,
  SetStockPayload,
} from './adjust-stock.inputs';
import { changeItem } from './change-item';
import { requireOneOf } from './item-ref';
import { StockChangeKind } from './stock-adjustment.entity';
import { TransferStockInput, TransferStockPayload } from './transfer-stock.inputs';
import { transferStock } from './transfer-stock';

const EVENTS = 'Publishes inventory.stock-changed (and inventory.low-stock when the item falls to its threshold).';

/** The staff's stock changes: each names one item (a variant at a location) and writes a stock_adjustment row. */
@Resolver()
export class StockMutationsResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => AdjustStockPayload, {
    description: `Adds or removes on-hand units of a variant at a location; never takes available stock below zero. ${EVENTS}`,
  })
  async adjustStock(@Arg('input', { description: 'The change.' }) input: AdjustStockInput, @Ctx() context: SubgraphContext): Promise<AdjustStockPayload> {
    requireOneOf(input);
    return AdjustStockPayload.of(
      await changeItem(context, { kind: StockChangeKind.ADJUST, ref: input, value: input.delta, reason: input.reason, idempotencyKey: input.idempotencyKey }),
    );
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => SetStockPayload, { description: `Sets on-hand units of a variant at a location to a count; never below its reserved units. ${EVENTS}` })
  async setStock(@Arg('input', { description: 'The count.' }) input: SetStockInput, @Ctx() context: SubgraphContext): Promise<SetStockPayload> {
    requireOneOf(input);
    return SetStockPayload.of(
      await changeItem(context, { kind: StockChangeKind.SET, ref: input, value: input.onHand, reason: input.reason, idempotencyKey: input.idempotencyKey }),
    );
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => SetIncomingPayload, { description: `Sets the units on their way to a location. ${EVENTS}` })
  async setIncoming(
    @Arg('input', { description: 'The incoming units.' }) input: SetIncomingInput,
    @Ctx() context: SubgraphContext,
  ): Promise<SetIncomingPayload> {
    requireOneOf(input);
    return SetIncomingPayload.of(
      await changeItem(context, {
        kind: StockChangeKind.INCOMING,
        ref: input,
        value: input.incoming,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
      }),
    );
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => SetLowStockThresholdPayload, { description: `Sets when one item's stock counts as low. ${EVENTS}` })
  async setLowStockThreshold(
    @Arg('input', { description: 'The threshold.' }) input: SetLowStockThresholdInput,
    @Ctx() context: SubgraphContext,
  ): Promise<SetLowStockThresholdPayload> {
    requireOneOf(input);
    return SetLowStockThresholdPayload.of(
      await changeItem(context, {
        kind: StockChangeKind.THRESHOLD,
        ref: input,
        value: input.lowStockThreshold,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
      }),
    );
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => TransferStockPayload, {
    description: `Moves units of a variant between two locations, atomically and logged; never takes the source's available units below zero. ${EVENTS}`,
  })
  transferStock(@Arg('input', { description: 'The transfer.' }) input: TransferStockInput, @Ctx() context: SubgraphContext): Promise<TransferStockPayload> {
    return transferStock(context, input);
  }
}
