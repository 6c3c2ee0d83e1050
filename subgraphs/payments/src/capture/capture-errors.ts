import { UserError } from '@ultramarket/kit';

/** The expected ways a capture does not happen, as typed userErrors; none of them writes anything. */
export const CaptureErrors = {
  notCapturable: (status: string) =>
    UserError.of('INVALID_TRANSITION', `This payment is ${status}: only an AUTHORIZED or PARTIALLY_CAPTURED payment can be captured`, ['input']),
  exceedsAuthorized: (requested: number, capturable: number) =>
    UserError.of('CAPTURE_EXCEEDS_AUTHORIZED', `Cannot capture ${requested}: only ${capturable} (minor units) of the authorization is left to capture`, [
      'input',
      'amount',
    ]),
  refused: (message: string) => UserError.of('CAPTURE_REFUSED', `The payment provider refused the capture: ${message}`, ['input']),
};
