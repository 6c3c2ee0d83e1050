import { acceptsStaffChanges, PLATFORM_SCOPE, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { ManualPaymentMethod } from './manual-payment-method.entity';
import { PaymentMethodKind } from './manual-method-kind';
import type { ConfigureManualPaymentMethodInput } from './manual-method.inputs';
import { AvailablePaymentMethod, ConfigureManualPaymentMethodPayload } from './manual-method.payloads';

/** Sets one manual payment method of the caller's store (created on first use). Orders already waiting keep the instructions they were given. */
export async function configureManualPaymentMethod(
  context: SubgraphContext,
  input: ConfigureManualPaymentMethodInput,
): Promise<ConfigureManualPaymentMethodPayload> {
  const storeId = context.caller.storeId;
  if (!storeId)
    return ConfigureManualPaymentMethodPayload.failed(UserError.of('STORE_REQUIRED', 'Act for a store (X-Store-Id) to configure its payment methods'));
  const status = await context.storeStatuses.of(storeId);
  if (!acceptsStaffChanges(status)) {
    return ConfigureManualPaymentMethodPayload.failed(UserError.of('STORE_UNAVAILABLE', `This store is ${status}: its payment methods cannot be changed`));
  }
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const methods = tx.manager.getRepository(ManualPaymentMethod);
    await methods.upsert(
      {
        storeId,
        kind: input.kind,
        enabled: input.enabled,
        displayName: input.displayName.trim(),
        instructions: input.instructions.trim(),
        holdHours: input.holdHours,
        updatedAt: new Date(),
      },
      ['storeId', 'kind'],
    );
    return ConfigureManualPaymentMethodPayload.ok(await methods.findOneByOrFail({ storeId, kind: input.kind }));
  });
}

/** Every manual method the caller's store configured, enabled or not (staff). */
export function listManualPaymentMethods(context: SubgraphContext): Promise<ManualPaymentMethod[]> {
  const store = context.storeDb.whereStore();
  return context.storeDb.read((manager) => manager.getRepository(ManualPaymentMethod).find({ where: store, order: { storeId: 'ASC', kind: 'ASC' } }));
}

/** What a shopper of the store may choose at checkout: a card (there is always a provider), then the store's enabled manual methods. */
export async function availablePaymentMethods(context: SubgraphContext): Promise<AvailablePaymentMethod[]> {
  const storeId = context.storeDb.scope;
  const card = AvailablePaymentMethod.of(PaymentMethodKind.CARD, 'Card', null);
  if (!storeId || storeId === PLATFORM_SCOPE) return [card];
  const manual = await context.storeDb.read((manager) =>
    manager.getRepository(ManualPaymentMethod).find({ where: { storeId, enabled: true }, order: { kind: 'ASC' } }),
  );
  return [card, ...manual.map((method) => AvailablePaymentMethod.of(method.kind as string as PaymentMethodKind, method.displayName, method.instructions))];
}
