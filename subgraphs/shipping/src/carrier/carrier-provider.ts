import type { ShipmentStatus } from '../shipment/shipment-status';

/** How a method's carrier is set up: which provider, the name shoppers see, and where its parcels are tracked. */
export interface CarrierSettings {
  code: string;
  name: string;
  trackingUrlTemplate: string | null;
}

/**
 * A carrier integration. Today only the built-in manual carrier exists (the merchant ships and types the
 * tracking number); an API carrier (live rates, labels, tracking pushes) implements the same interface.
 */
export interface CarrierProvider {
  readonly code: string;
  /** Why these settings cannot be used, or null when they can. */
  settingsProblem(settings: CarrierSettings): string | null;
  /** Where a shopper follows a parcel with this tracking number, or null when the carrier has no tracking page. */
  trackingUrl(settings: CarrierSettings, trackingNumber: string): string | null;
  /**
   * What a carrier's tracking push (webhook body) or poll answer says about its parcels, as updates
   * `applyTrackingUpdate` (shipment/track-shipment.ts) records one by one, exactly as `updateShipmentTracking`
   * does for the staff. An API carrier maps its own statuses to ours here and throws on a payload it cannot
   * read; the manual carrier has no feed (its staff report tracking by hand) and reads nothing.
   */
  trackingUpdates(settings: CarrierSettings, payload: unknown): CarrierTrackingUpdate[];
}

/** One tracking change a carrier reported for one of its parcels. */
export interface CarrierTrackingUpdate {
  trackingNumber: string;
  status: ShipmentStatus;
  message: string | null;
  occurredAt: Date;
}

export const TRACKING_NUMBER_PLACEHOLDER = '{trackingNumber}';

/** The built-in carrier's code (a carrier code, not an error code). */
export const MANUAL_CARRIER_CODE = 'MANUAL';

/** The merchant's own carrier: a name and, optionally, an https tracking URL with `{trackingNumber}` in it. */
export const manualCarrier: CarrierProvider = {
  code: MANUAL_CARRIER_CODE,
  settingsProblem(settings) {
    const template = settings.trackingUrlTemplate;
    if (template === null) return null;
    if (!template.includes(TRACKING_NUMBER_PLACEHOLDER)) return `trackingUrlTemplate must contain ${TRACKING_NUMBER_PLACEHOLDER}`;
    let url: URL;
    try {
      url = new URL(template.replace(TRACKING_NUMBER_PLACEHOLDER, 'x'));
    } catch {
      return 'trackingUrlTemplate must be an absolute URL';
    }
    return url.protocol === 'https:' ? null : 'trackingUrlTemplate must be an https URL';
  },
  trackingUrl(settings, trackingNumber) {
    return settings.trackingUrlTemplate === null
      ? null
      : settings.trackingUrlTemplate.split(TRACKING_NUMBER_PLACEHOLDER).join(encodeURIComponent(trackingNumber));
  },
  trackingUpdates() {
    return [];
  },
};

const PROVIDERS: ReadonlyMap<string, CarrierProvider> = new Map([[manualCarrier.code, manualCarrier]]);

/** The provider of a carrier code; an unknown code is a bug (codes are only written from this list). */
export function carrierProvider(code: string): CarrierProvider {
  const provider = PROVIDERS.get(code);
  if (!provider) throw new Error(`shipping: no carrier provider ${code}`);
  return provider;
}
