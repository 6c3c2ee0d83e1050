import type { EventHandler, SecretCipher } from '@ultramarket/kit';
import { notifyOnOrderStatusChanged } from './order-status-changed.handler';
import { notifyOnOrderDispatched } from './order-dispatched.handler';
import { notifyOnShipmentTracking } from './shipment-tracking.handler';
import { notifyOnManualPaymentAwaited, notifyOnPaymentFailed, notifyOnPaymentRefunded, notifyOnPaymentSucceeded } from './payment.handlers';
import { notifyStaffOnLowStock } from './low-stock.handler';
import { notifyStaffOnRefundFailed } from './refund-failed.handler';
import { notifyOnReturnUpdated } from './return-updated.handler';
import type { HandlerOptions } from './tell-customer';
import { sendPasswordResetEmail, sendVerificationEmail } from './account-email.handlers';
import { notifyStaffInvitee, type StaffInvitationOptions } from './staff-invited.handler';
import { emailAbandonedCart, type CartEmailOptions } from './cart-abandoned.handler';
import { notifyStaffOnWebhookEndpointDisabled } from './webhook-endpoint-disabled.handler';

/** Every event notifications reacts to, one durable consumer each. */
export function notificationHandlers(
  options: HandlerOptions & StaffInvitationOptions & CartEmailOptions & { accountLinkBaseUrl: string; accountEmailTokenSeal: SecretCipher | null },
): EventHandler[] {
  const accountEmails = { emailEnabled: options.emailEnabled, linkBaseUrl: options.accountLinkBaseUrl, emailTokenSeal: options.accountEmailTokenSeal };
  return [
    notifyOnOrderStatusChanged(options),
    notifyOnOrderDispatched(options),
    notifyOnShipmentTracking(options),
    notifyOnPaymentSucceeded(options),
    notifyOnPaymentFailed(options),
    notifyOnPaymentRefunded(options),
    notifyOnManualPaymentAwaited(options),
    notifyOnReturnUpdated(options),
    notifyStaffOnLowStock(),
    notifyStaffOnRefundFailed(),
    sendVerificationEmail(accountEmails),
    sendPasswordResetEmail(accountEmails),
    notifyStaffInvitee(options),
    emailAbandonedCart(options),
    notifyStaffOnWebhookEndpointDisabled(),
  ];
}
