import type { Tx } from '@ultramarket/kit';

/**
 * Copies the store's deliveries matching `where` (its parameters from $2; `d` is the delivery) as new PENDING
 * deliveries due now, in the order of the originals (so a resource's copies keep their order); answers the new ids.
 */
export async function copyDeliveries(tx: Tx, storeId: string, where: string, parameters: unknown[]): Promise<string[]> {
  const rows: { id: string }[] = await tx.manager.query(
    `INSERT INTO webhook_delivery (store_id, endpoint_id, event_id, topic, resource_id, sequence, occurred_at, body, redelivery_of)
     SELECT d.store_id, d.endpoint_id, d.event_id, d.topic, d.resource_id, d.sequence, d.occurred_at, d.body, d.id
     FROM webhook_delivery d WHERE d.store_id = $1 AND ${where} ORDER BY d.position
     RETURNING id`,
    [storeId, ...parameters],
  );
  return rows.map((row) => row.id);
}
