import { UserError, type Tx } from '@ultramarket/kit';
import { ManualPaymentMethod } from '../manual-method/manual-payment-method.entity';
import type { ManualPaymentMethodKind } from '../manual-method/manual-method-kind';

const HOUR_MS = 3_600_000;

/** What a manual payment starts with: the store's instructions and until when the order's stock is to be held. */
export interface ManualStart {
  method: ManualPaymentMethod;
  holdReservationUntil: Date;
}

/**
 * The store's manual method for a payment about to start (inside processPayment's Tx 1), or
 * PAYMENT_METHOD_NOT_AVAILABLE when the store has not enabled it. The hold runs from now: the money may take
 * `holdHours` to arrive, and inventory extends the order's reservation to it (never shortens it).
 */
export async function manualStartOf(tx: Tx, storeId: string, kind: ManualPaymentMethodKind, now = new Date()): Promise<ManualStart | UserError> {
  const method = await tx.manager.getRepository(ManualPaymentMethod).findOneBy({ storeId, kind });
  if (!method?.enabled) {
    return UserError.of('PAYMENT_METHOD_NOT_AVAILABLE', `This store does not take ${kind} payments; choose another payment method`, [
      'input',
      'paymentMethod',
      'manual',
    ]);
  }
  return { method, holdReservationUntil: new Date(now.getTime() + method.holdHours * HOUR_MS) };
}
