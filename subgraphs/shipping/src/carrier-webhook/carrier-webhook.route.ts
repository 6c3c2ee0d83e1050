import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { BodyTooLargeError, readRawBody, type HttpRoute } from '@ultramarket/kit';
import type { CarrierWebhookSettings } from '../shipping.config';
import { CARRIER_SIGNATURE_HEADER, carrierSignatureProblem } from './carrier-signature';
import { readCarrierReport, reportedCarrier } from './carrier-report';
import { applyCarrierReport } from './apply-carrier-report';

export const CARRIER_WEBHOOK_ROUTE = '/webhooks/carrier-tracking';

/** A tracking report is a few updates: anything larger is refused before it is read further. */
export const MAX_REPORT_BYTES = 64 * 1024;

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * `POST /webhooks/carrier-tracking`: a carrier's tracking report (`{ carrier, updates }`, at most 64 KiB), signed in
 * the `Carrier-Signature` header with that carrier's secret (SHIPPING_CARRIER_WEBHOOK_SECRETS) or the global one
 * (SHIPPING_CARRIER_WEBHOOK_SECRET), its timestamp within SHIPPING_CARRIER_WEBHOOK_TOLERANCE_SECONDS (replays). The
 * carrier's name picks the secret and limits the report to that carrier's parcels. 401 for a bad signature, 400 for
 * a body it cannot read, 413 for one too large: each changes nothing. 200 lists what became of each update.
 */
export function carrierWebhookRoute(settings: CarrierWebhookSettings): HttpRoute {
  return async (request, response, runtime) => {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      send(response, 405, { error: 'method not allowed' });
      return;
    }
    let body: Buffer;
    try {
      body = await readRawBody(request, MAX_REPORT_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return send(response, 413, { error: error.message });
      throw error;
    }
    // the carrier named picks the secret (a body naming none is checked with the global one); nothing else is read first
    const carrier = reportedCarrier(body);
    const secret = (carrier === null ? undefined : settings.secretsByCarrier.get(carrier)) ?? settings.defaultSecret;
    const header = request.headers[CARRIER_SIGNATURE_HEADER];
    const problem = secret
      ? carrierSignatureProblem(Array.isArray(header) ? header[0] : header, body, secret, settings.toleranceSeconds)
      : 'no secret for this carrier';
    if (problem) {
      runtime.logger.warn({ reason: problem }, 'carrier webhook refused');
      return send(response, 401, { error: 'invalid signature' });
    }
    const report = readCarrierReport(body);
    if (typeof report === 'string') return send(response, 400, { error: report });
    const outcomes = await applyCarrierReport(runtime, report, randomUUID());
    runtime.logger.info({ carrier: report.carrier, outcomes }, 'carrier webhook handled');
    send(response, 200, { received: true, outcomes });
  };
}
