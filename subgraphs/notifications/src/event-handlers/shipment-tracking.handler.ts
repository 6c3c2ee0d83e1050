import { PermanentEventError, type EventHandler, type Tx } from '@ultramarket/kit';
import { emailsAboutOrderInLastHour } from '../email/email-outbox';
import { EmailKind } from '../messages/email-templates';
import { emailMessage } from '../templates/email-template-keys';
import { notificationTexts } from '../messages/notification-texts';
import { TRACKING_STATUS_WORDS } from '../messages/tracking-statuses';
import { readShipmentTracking, type ShipmentTracking } from './consumed-events';
import { rememberOrder } from './order-reference';
import { tellCustomer, type HandlerOptions } from './tell-customer';

/** Records the tracking version told for a shipment under a row lock; 'stale' when a later one was told already. */
async function recordTracking(tx: Tx, tracking: ShipmentTracking, version: number): Promise<'current' | 'stale'> {
  await tx.manager.query(`INSERT INTO shipment_reference (shipment_id, store_id, order_id) VALUES ($1, $2, $3) ON CONFLICT (shipment_id) DO NOTHING`, [
    tracking.shipmentId,
    tracking.storeId,
    tracking.orderId,
  ]);
  const [row]: { tracking_version: number }[] = await tx.manager.query(
    `SELECT tracking_version FROM shipment_reference WHERE shipment_id = $1 AND store_id = $2 FOR UPDATE`,
    [tracking.shipmentId, tracking.storeId],
  );
  if (!row) throw new PermanentEventError(`shipment ${tracking.shipmentId} is not a shipment of store ${tracking.storeId}`);
  if (version > 0 && version <= row.tracking_version) return 'stale';
  await tx.manager.query(`UPDATE shipment_reference SET tracking_version = $3, updated_at = now() WHERE shipment_id = $1 AND store_id = $2`, [
    tracking.shipmentId,
    tracking.storeId,
    version,
  ]);
  return 'current';
}

/**
 * Tells the customer where their parcel is: in the app for every status (one notice per shipment and status,
 * refreshed when it repeats), by email for OUT_FOR_DELIVERY, DELIVERED, FAILED_ATTEMPT and RETURNED, at most
 * `trackingEmailsPerOrderHour` an hour per order (counted under the order's row lock). An update older than one
 * already told is left alone.
 */
export function notifyOnShipmentTracking(options: HandlerOptions): EventHandler {
  return {
    name: 'notifications-shipment-tracking',
    eventType: 'shipping.tracking-updated',
    async handle(event, tx, logger) {
      const tracking = readShipmentTracking(event);
      const text = notificationTexts.shipmentTracking(tracking);
      if (!text) return;
      // the order's row lock: tracking emails about one order are counted one event at a time
      await rememberOrder(tx, tracking);
      if ((await recordTracking(tx, tracking, event.aggregateVersion)) === 'stale') {
        logger.info({ shipmentId: tracking.shipmentId, status: tracking.status }, 'a later tracking update was already told; not telling this one');
        return;
      }
      let email = TRACKING_STATUS_WORDS[tracking.status].emailed ? emailMessage(EmailKind.SHIPMENT_TRACKING, tracking) : undefined;
      if (email && (await emailsAboutOrderInLastHour(tx, tracking.orderId, EmailKind.SHIPMENT_TRACKING)) >= options.trackingEmailsPerOrderHour) {
        logger.warn({ orderId: tracking.orderId }, 'tracking emails about this order reached the hourly limit; not emailing this one');
        email = undefined;
      }
      await tellCustomer(tx, event, options, tracking, {
        notification: { ...text, dedupeKey: `shipment-tracking:${tracking.shipmentId}:${tracking.status}`, onDuplicate: 'refresh' },
        email,
      });
    },
  };
}
