import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { Customer } from './customer.entity';
import { CustomerEvents } from './customer.events';
import { CUSTOMER_NOT_FOUND, emitCustomerEvent, lockOwnCustomer } from './customer-commands';
import type { SetCustomerTaxExemptionInput } from './customer.inputs';
import { SetCustomerTaxExemptionPayload } from './customer.payloads';

const REFERENCE_WITHOUT_EXEMPTION = () =>
  UserError.of('INVALID_VALUE', 'A tax exemption reference is recorded only for a tax-exempt customer', ['input', 'reference']);

/**
 * Marks a customer of the caller's store tax-exempt (with the reference it rests on) or taxable again, and
 * publishes customers.updated carrying `taxExempt`, from which cart prices the customer's signed-in carts.
 * Setting what is already set changes nothing and publishes nothing. Another store's customer is not found.
 */
export async function setCustomerTaxExemption(context: SubgraphContext, input: SetCustomerTaxExemptionInput): Promise<SetCustomerTaxExemptionPayload> {
  const reference = input.reference?.trim() || null;
  if (!input.taxExempt && reference !== null) return SetCustomerTaxExemptionPayload.failed(REFERENCE_WITHOUT_EXEMPTION());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const customer = await lockOwnCustomer(context, tx, input.customerId);
    if (!customer) return SetCustomerTaxExemptionPayload.failed(CUSTOMER_NOT_FOUND(['input', 'customerId']));
    if (customer.taxExempt === input.taxExempt && customer.taxExemptionReference === reference) return SetCustomerTaxExemptionPayload.ok(customer);
    customer.taxExempt = input.taxExempt;
    customer.taxExemptionReference = reference;
    // segments test no tax field: memberships stay as they are
    const saved = await tx.manager.getRepository(Customer).save(customer);
    await emitCustomerEvent(tx, CustomerEvents.updated, saved);
    return SetCustomerTaxExemptionPayload.ok(saved);
  });
}
