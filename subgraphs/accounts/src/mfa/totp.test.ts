import { authenticator } from 'otplib';
import { matchingTimeStep, newTotpSecret, totpUri } from './totp';

describe('TOTP codes', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 0, 1, 12, 0, 10);
  const step = Math.floor(now / 30_000);
  const codeAt = (ms: number) => authenticator.clone({ epoch: ms }).generate(secret);

  it('matches the current step and one step of drift either way, no further', () => {
    expect(matchingTimeStep(secret, codeAt(now), now)).toBe(step);
    expect(matchingTimeStep(secret, codeAt(now - 30_000), now)).toBe(step - 1);
    expect(matchingTimeStep(secret, codeAt(now + 30_000), now)).toBe(step + 1);
    expect(matchingTimeStep(secret, codeAt(now - 60_000), now)).toBeNull();
    expect(matchingTimeStep(secret, codeAt(now + 60_000), now)).toBeNull();
    expect(matchingTimeStep(secret, 'abcdef', now)).toBeNull();
  });

  it('builds an otpauth URI apps can scan', () => {
    expect(totpUri('UltraMarket', 'ada@example.com', secret)).toBe(
      `otpauth://totp/UltraMarket:ada%40example.com?secret=${secret}&period=30&digits=6&algorithm=SHA1&issuer=UltraMarket`,
    );
  });
});
