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
