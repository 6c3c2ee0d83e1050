import { signUploadToken, verifyUploadToken } from './upload-token';

const SECRET = Buffer.alloc(32, 7);
const grant = { key: 'a/b', contentType: 'image/png', maxBytes: 100, expiresAt: 2_000 };

describe('upload tokens', () => {
  it('carries its grant while unexpired', () => {
    expect(verifyUploadToken(signUploadToken(grant, SECRET), SECRET, 1_000)).toEqual({ ok: true, grant });
  });

  it('is refused once expired', () => {
    expect(verifyUploadToken(signUploadToken(grant, SECRET), SECRET, 2_000)).toEqual({ ok: false, reason: 'EXPIRED' });
  });

  it('is refused when signed with another secret or changed in any way', () => {
    const token = signUploadToken(grant, SECRET);
    expect(verifyUploadToken(token, Buffer.alloc(32, 8), 1_000)).toEqual({ ok: false, reason: 'INVALID' });
    const [payload, signature] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ ...grant, maxBytes: 10_000_000 })).toString('base64url');
    expect(verifyUploadToken(`${widened}.${signature}`, SECRET, 1_000)).toEqual({ ok: false, reason: 'INVALID' });
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(verifyUploadToken(`${payload}.${flipped}`, SECRET, 1_000)).toEqual({ ok: false, reason: 'INVALID' });
    expect(verifyUploadToken('../../etc/passwd', SECRET, 1_000)).toEqual({ ok: false, reason: 'INVALID' });
  });
});
