import { inScope, periodicJob, PLATFORM_SCOPE, type SubgraphRuntime } from '@ultramarket/kit';
import type { ReservationConfig } from './reservation-config';
import { ReservationStatus } from './reservation.events';
import { releaseReservation } from './release-reservation';

const BATCH = 50;

interface DueReservation {
  id: string;
  order_id: string;
  store_id: string;
  correlation_id: string;
}

/**
 * Releases reservations whose time ran out. The sweep only finds them across stores (a platform-wide
 * read); each is then released in a transaction of its own store, so one store's release can
 * never touch another store's stock. Replicas share the work: a reservation another replica (or a
 * payment commit) holds is skipped (SKIP LOCKED), and one already released is left alone.
 */
export function reservationExpiryJob(config: ReservationConfig) {
  return periodicJob('reservation expiry sweep', config.sweepIntervalMs, releaseDueReservations);
}

/** One sweep: batches of due reservations until a batch is short or another replica holds all of it. */
async function releaseDueReservations(runtime: SubgraphRuntime): Promise<void> {
  const findDue = (): Promise<DueReservation[]> =>
    inScope(runtime.dataSource, PLATFORM_SCOPE, (manager) =>
      manager.query(`SELECT id, order_id, store_id, correlation_id FROM reservation WHERE status = $1 AND expires_at <= now() ORDER BY expires_at LIMIT $2`, [
        ReservationStatus.RESERVED,
        BATCH,
      ]),
    );

  /** Releases one reservation in its store's scope; false when it was taken or handled meanwhile. */
  const releaseInItsStore = (due: DueReservation): Promise<boolean> =>
    runtime.unitOfWork.forScope(due.store_id).run({ correlationId: due.correlation_id, causationId: null }, async (tx) => {
      const [reservation]: DueReservation[] = await tx.manager.query(
        `SELECT id, order_id, store_id, correlation_id FROM reservation
          WHERE id = $1 AND store_id = $2 AND status = $3 AND expires_at <= now() FOR UPDATE SKIP LOCKED`,
        [due.id, due.store_id, ReservationStatus.RESERVED],
      );
      if (!reservation) return false;
      await releaseReservation(tx, reservation, 'expired');
      return true;
    });

  for (;;) {
    const due = await findDue();
    let released = 0;
    for (const reservation of due) {
      // one store's failure is logged and retried next round; the other stores' releases go on
      const outcome = await releaseInItsStore(reservation).catch((error: unknown) => {
        runtime.logger.warn(
          { err: error, reservationId: reservation.id, storeId: reservation.store_id },
          'releasing an expired reservation failed; will retry',
        );
        return false;
      });
      if (outcome) released += 1;
    }
    // a full batch of which some were released: there may be more; one where none were is another replica's
    if (due.length < BATCH || released === 0) return;
  }
}
