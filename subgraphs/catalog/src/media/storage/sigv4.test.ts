import { authorizationHeader, EMPTY_PAYLOAD_HASH, presignUrl, sha256Hex, signingKey, type AwsCredentials } from './sigv4';

/**
 * AWS's published Signature Version 4 examples for S3 (the "examplebucket" requests of
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html and
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html) and the derived
 * signing key of https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html.
 */
const EXAMPLE: AwsCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
};
const DATE = new Date('2013-05-24T00:00:00Z');
const HOST = 'examplebucket.s3.amazonaws.com';

describe('AWS Signature V4 against the published examples', () => {
  it('derives the documented signing key', () => {
    expect(signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam').toString('hex')).toBe(
      'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d',
    );
  });

  it('signs the GET Object example (Range header)', () => {
    const authorization = authorizationHeader(
      {
        method: 'GET',
        url: new URL(`https://${HOST}/test.txt`),
        headers: { host: HOST, range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_PAYLOAD_HASH, 'x-amz-date': '20130524T000000Z' },
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      EXAMPLE,
      DATE,
    );
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('signs the PUT Object example (an encoded key, a body, a storage class)', () => {
    const body = 'Welcome to Amazon S3.';
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const authorization = authorizationHeader(
      {
        method: 'PUT',
        url: new URL(`https://${HOST}/test$file.text`),
        headers: {
          host: HOST,
          date: 'Fri, 24 May 2013 00:00:00 GMT',
          'x-amz-date': '20130524T000000Z',
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
          'x-amz-content-sha256': payloadHash,
        },
        payloadHash,
      },
      EXAMPLE,
      DATE,
    );
    expect(authorization).toMatch(/Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd$/);
  });

  it('signs the GET Bucket lifecycle example (an empty query parameter)', () => {
    const authorization = authorizationHeader(
      {
        method: 'GET',
        url: new URL(`https://${HOST}/?lifecycle`),
        headers: { host: HOST, 'x-amz-date': '20130524T000000Z', 'x-amz-content-sha256': EMPTY_PAYLOAD_HASH },
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      EXAMPLE,
      DATE,
    );
    expect(authorization).toMatch(/Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543$/);
  });

  it('signs the GET Bucket (list objects) example (sorted query parameters)', () => {
    const authorization = authorizationHeader(
      {
        method: 'GET',
        url: new URL(`https://${HOST}/?max-keys=2&prefix=J`),
        headers: { host: HOST, 'x-amz-date': '20130524T000000Z', 'x-amz-content-sha256': EMPTY_PAYLOAD_HASH },
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
      EXAMPLE,
      DATE,
    );
    expect(authorization).toMatch(/Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/);
  });

  it('presigns the query-string authentication example', () => {
    const url = presignUrl({ method: 'GET', url: new URL(`https://${HOST}/test.txt`), headers: { host: HOST } }, EXAMPLE, DATE, 86400);
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Signature')).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });
});
