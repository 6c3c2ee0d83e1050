import { registerEnumType } from 'type-graphql';

/** Where a parcel is, as its carrier reports it. */
export enum ShipmentStatus {
  LABEL_CREATED = 'LABEL_CREATED',
  IN_TRANSIT = 'IN_TRANSIT',
  OUT_FOR_DELIVERY = 'OUT_FOR_DELIVERY',
  DELIVERED = 'DELIVERED',
  FAILED_ATTEMPT = 'FAILED_ATTEMPT',
  RETURNED = 'RETURNED',
}

registerEnumType(ShipmentStatus, {
  name: 'ShipmentStatus',
  description: 'Where a parcel is, as its carrier reports it.',
  valuesConfig: {
    LABEL_CREATED: { description: 'Packed and labelled; the carrier has not scanned it yet.' },
    IN_TRANSIT: { description: 'On its way (repeated for each scan the carrier reports).' },
    OUT_FOR_DELIVERY: { description: 'With the courier for delivery today.' },
    DELIVERED: { description: 'Delivered: final.' },
    FAILED_ATTEMPT: { description: 'The courier could not deliver it; another attempt or a pickup follows.' },
    RETURNED: { description: 'Sent back to the store by the carrier: final.' },
  },
});

const MOVING = [ShipmentStatus.IN_TRANSIT, ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.DELIVERED, ShipmentStatus.FAILED_ATTEMPT, ShipmentStatus.RETURNED];

/**
 * Every tracking change a shipment may make; anything else is an INVALID_TRANSITION. A status may repeat while
 * the parcel moves (another scan, another attempt); DELIVERED and RETURNED are final (a return after delivery is
 * an after-sale return, issue 15, not a carrier status).
 */
const ALLOWED: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  [ShipmentStatus.LABEL_CREATED]: MOVING,
  [ShipmentStatus.IN_TRANSIT]: MOVING,
  [ShipmentStatus.OUT_FOR_DELIVERY]: MOVING,
  [ShipmentStatus.FAILED_ATTEMPT]: MOVING,
  [ShipmentStatus.DELIVERED]: [],
  [ShipmentStatus.RETURNED]: [],
};

export function canTrack(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return ALLOWED[from].includes(to);
}
