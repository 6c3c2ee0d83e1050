import type { UserError } from '@ultramarket/kit';
import { ShippingErrors } from '../shipping-errors';
import { ShippingZoneRegion } from './shipping-zone.entity';
import type { ShippingZoneRegionInput } from './zone.inputs';

/** Regions as stored: postal prefixes upper case without spaces (how they are matched); a region named twice is refused. */
export function checkRegions(inputs: ShippingZoneRegionInput[]): { regions: ShippingZoneRegion[]; errors: UserError[] } {
  const seen = new Set<string>();
  const errors: UserError[] = [];
  const regions = inputs.map((input, index) => {
    const region = Object.assign(new ShippingZoneRegion(), {
      countryCode: input.countryCode,
      provinceCode: input.provinceCode ?? null,
      postalCodePrefix: input.postalCodePrefix ? input.postalCodePrefix.replace(/\s+/g, '').toUpperCase() : null,
    });
    if (region.postalCodePrefix === '') errors.push(ShippingErrors.invalidRegion(index, 'postalCodePrefix must have a letter or digit'));
    const key = `${region.countryCode}|${region.provinceCode ?? ''}|${region.postalCodePrefix ?? ''}`;
    if (seen.has(key)) errors.push(ShippingErrors.invalidRegion(index, 'The zone already lists this region'));
    seen.add(key);
    return region;
  });
  return { regions, errors };
}
