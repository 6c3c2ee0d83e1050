import type { SubgraphRuntime } from '@ultramarket/kit';
import type { ReservationConfig } from './reservation-config';
import { ReservationStatus } from './reservation.events';
import { releaseReservation } from './release-reservation';

const BATCH = 50;

/**
 * Releases reservations whose time ran out, in batches; replicas share the work (SKIP LOCKED) and a
 * reservation being committed at the same moment is skipped, never released under a payment.
 */
export function reservationExpiryJob(config: ReservationConfig) {
  return (runtime: SubgraphRuntime) => {
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> = Promise.resolve();
    let stopped = false;

    const sweep = async (): Promise<void> => {
      for (;;) {
        const released = await runtime.dataSource.transaction(async (manager) => {
          const expired: { id: string; order_id: string; store_id: string; correlation_id: string }[] = await manager.query(
            `SELECT id, order_id, store_id, correlation_id FROM reservation
              WHERE status = $1 AND expires_at <= now() ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
            [ReservationStatus.RESERVED, BATCH],
          );
          for (const reservation of expired) {
            const trace = { correlationId: reservation.correlation_id, causationId: null };
            await runtime.unitOfWork.runIn(manager, trace, (tx) => releaseReservation(tx, reservation, 'expired'));
          }
          return expired.length;
        });
        if (released > 0) runtime.relay.kick();
        if (released < BATCH) return;
      }
    };

    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        running = sweep()
          .catch((error) => runtime.logger.warn({ err: error }, 'reservation expiry sweep failed; will retry'))
          .finally(schedule);
      }, config.sweepIntervalMs);
    };
    schedule();

    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    };
  };
}
