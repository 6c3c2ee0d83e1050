import { storeRequired, traceOf, unauthenticated, UserError, type SubgraphContext } from '@ultramarket/kit';
import { DeviceChannel } from './channel-provider';
import {
  NotificationDevice,
  RegisterNotificationDevicePayload,
  RemoveNotificationDevicePayload,
  type RegisterNotificationDeviceInput,
  type RemoveNotificationDeviceInput,
} from './device.types';

const E164 = /^\+[1-9]\d{6,14}$/;
const PUSH_TOKEN = /^[\x21-\x7e]{16,512}$/;
const MAX_PUSH_TOKENS = 10;

function customerInStore(context: SubgraphContext): { customerId: string; storeId: string } {
  const { userId, storeId } = context.caller;
  if (!userId) throw unauthenticated();
  if (!storeId) throw storeRequired();
  return { customerId: userId, storeId };
}

const deviceOf = (row: { channel: DeviceChannel; address: string; created_at: Date }) =>
  Object.assign(new NotificationDevice(), { channel: row.channel, address: row.address, createdAt: row.created_at });

/** The phones and push tokens the signed-in customer registered in the request's store, newest first. */
export async function myNotificationDevices(context: SubgraphContext): Promise<NotificationDevice[]> {
  const { customerId, storeId } = customerInStore(context);
  const rows = await context.storeDb.read((manager) =>
    manager.query(`SELECT channel, address, created_at FROM notification_device WHERE store_id = $1 AND customer_id = $2 ORDER BY created_at DESC`, [
      storeId,
      customerId,
    ]),
  );
  return rows.map(deviceOf);
}

/**
 * Registers a phone (one per customer and store: a new one replaces it) or a push token (at most 10, the oldest
 * dropped) for the signed-in customer; from then on their notifications of this store also go there, per their
 * preferences. A number not in E.164 form or a token that is not one is refused with INVALID_DEVICE_ADDRESS.
 */
export async function registerNotificationDevice(context: SubgraphContext, input: RegisterNotificationDeviceInput): Promise<RegisterNotificationDevicePayload> {
  const { customerId, storeId } = customerInStore(context);
  const address = input.address.trim();
  const valid = input.channel === DeviceChannel.SMS ? E164.test(address) : PUSH_TOKEN.test(address);
  if (!valid) {
    const message = input.channel === DeviceChannel.SMS ? 'A phone number in E.164 form, e.g. +4915112345678' : 'A push token: 16 to 512 visible characters';
    return Object.assign(new RegisterNotificationDevicePayload(), {
      device: null,
      userErrors: [UserError.of('INVALID_DEVICE_ADDRESS', message, ['input', 'address'])],
    });
  }
  const device = await context.unitOfWork.run(traceOf(context), async (tx) => {
    if (input.channel === DeviceChannel.SMS) {
      await tx.manager.query(`DELETE FROM notification_device WHERE store_id = $1 AND customer_id = $2 AND channel = 'SMS' AND address <> $3`, [
        storeId,
        customerId,
        address,
      ]);
    }
    const [row] = await tx.manager.query(
      `INSERT INTO notification_device (store_id, customer_id, channel, address) VALUES ($1, $2, $3, $4)
       ON CONFLICT (store_id, customer_id, channel, address) DO UPDATE SET created_at = now()
       RETURNING channel, address, created_at`,
      [storeId, customerId, input.channel, address],
    );
    await tx.manager.query(
      `DELETE FROM notification_device WHERE store_id = $1 AND customer_id = $2 AND channel = 'PUSH' AND address NOT IN
         (SELECT address FROM notification_device WHERE store_id = $1 AND customer_id = $2 AND channel = 'PUSH' ORDER BY created_at DESC LIMIT $3)`,
      [storeId, customerId, MAX_PUSH_TOKENS],
    );
    return deviceOf(row);
  });
  return Object.assign(new RegisterNotificationDevicePayload(), { device, userErrors: [] });
}

/** Stops notifications on one of the signed-in customer's registered devices (removed: false when it was not registered). */
export async function removeNotificationDevice(context: SubgraphContext, input: RemoveNotificationDeviceInput): Promise<RemoveNotificationDevicePayload> {
  const { customerId, storeId } = customerInStore(context);
  const removed: unknown[] = await context.unitOfWork.run(traceOf(context), (tx) =>
    tx.manager.query(`DELETE FROM notification_device WHERE store_id = $1 AND customer_id = $2 AND channel = $3 AND address = $4 RETURNING address`, [
      storeId,
      customerId,
      input.channel,
      input.address.trim(),
    ]),
  );
  return Object.assign(new RemoveNotificationDevicePayload(), { removed: removed.length > 0, userErrors: [] });
}
