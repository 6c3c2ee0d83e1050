import { UserError } from '@ultramarket/kit';

/** The userErrors shipping answers (each code is listed in docs/errors.md). */
export const ShippingErrors = {
  storeRequired: () => UserError.of('STORE_REQUIRED', 'Act for a store (a store token or X-Store-Id) to manage its shipping'),
  zoneNotFound: (field = ['input', 'id']) => UserError.of('NOT_FOUND', 'No such shipping zone in your store', field),
  methodNotFound: (field = ['input', 'id']) => UserError.of('NOT_FOUND', 'No such shipping method in your store', field),
  zoneNameTaken: (name: string) => UserError.of('NAME_TAKEN', `Another shipping zone of this store is already called "${name}"`, ['input', 'name']),
  methodNameTaken: (name: string) => UserError.of('NAME_TAKEN', `Another method of this zone is already called "${name}"`, ['input', 'name']),
  zoneInUse: (methods: number) =>
    UserError.of('ZONE_IN_USE', `The zone still has ${methods} shipping method${methods === 1 ? '' : 's'}: delete or move them first`, ['input', 'id']),
  invalidRegion: (index: number, message: string) => UserError.of('INVALID_REGION', message, ['input', 'regions', String(index)]),
  invalidRate: (message: string, field: string[] = ['input', 'rate']) => UserError.of('INVALID_SHIPPING_RATE', message, field),
  invalidCarrier: (message: string) => UserError.of('INVALID_CARRIER', message, ['input', 'carrier']),
  zoneLimit: (limit: number) => UserError.of('ZONE_LIMIT', `A store can have at most ${limit} shipping zones`),
  methodLimit: (limit: number) => UserError.of('METHOD_LIMIT', `A store can have at most ${limit} shipping methods`),
};

/** The userErrors of shipments (each code is listed in docs/errors.md). */
export const ShipmentErrors = {
  orderNotFound: () => UserError.of('NOT_FOUND', 'No such order in your store', ['input', 'orderId']),
  shipmentNotFound: () => UserError.of('NOT_FOUND', 'No such shipment in your store', ['input', 'shipmentId']),
  methodNotFound: () => UserError.of('NOT_FOUND', 'No such shipping method in your store', ['input', 'shippingMethodId']),
  carrierRequired: () =>
    UserError.of('INVALID_CARRIER', 'Give either shippingMethodId (a configured carrier) or carrierName, not both', ['input', 'carrierName']),
  orderNotPaid: (status: string) => UserError.of('ORDER_NOT_PAID', `The order is ${status}: only paid and confirmed orders ship`, ['input', 'orderId']),
  orderCancelled: (status: string) => UserError.of('ORDER_CANCELLED', `The order is ${status}: it does not ship`, ['input', 'orderId']),
  lineNotInOrder: (index: number) =>
    UserError.of('LINE_NOT_IN_ORDER', 'The order has no line with this variant', ['input', 'lines', String(index), 'variantId']),
  quantityOverUnshipped: (index: number, unshipped: number) =>
    UserError.of('QUANTITY_OVER_UNSHIPPED', `Only ${unshipped} of this line ${unshipped === 1 ? 'is' : 'are'} not shipped yet`, [
      'input',
      'lines',
      String(index),
      'quantity',
    ]),
  nothingToShip: () => UserError.of('NOTHING_TO_SHIP', 'Every line of the order is shipped already', ['input', 'orderId']),
  invalidTrackingUrl: (message: string) => UserError.of('INVALID_TRACKING_URL', message, ['input', 'trackingUrl']),
  invalidTransition: (from: string, to: string) => UserError.of('INVALID_TRANSITION', `A shipment that is ${from} cannot become ${to}`, ['input', 'status']),
  occurredInFuture: () => UserError.of('INVALID_OCCURRED_AT', 'occurredAt may not be in the future', ['input', 'occurredAt']),
};
