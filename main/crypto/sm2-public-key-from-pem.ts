// Reads an SM2 public key back from the PEM SubjectPublicKeyInfo that sm2PublicKeyToPem writes
// (id-ecPublicKey, named curve sm2p256v1, uncompressed point): the inverse, for verifying exports.
import { sm2PublicKeyToSpkiDer } from './sm2-public-key-pem';

const PEM = /^-----BEGIN PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END PUBLIC KEY-----\r?\n?$/;
const POINT_BYTES = 65;

/** The 65-byte point 04 || x || y; throws for anything but an SM2 SubjectPublicKeyInfo PEM. */
export function sm2PublicKeyFromPem(pem: string): Uint8Array {
  const body = PEM.exec(pem)?.[1];
  if (body === undefined) throw new Error('not a PEM public key');
  const der = new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  const point = der.subarray(der.length - POINT_BYTES);
  let expected: Uint8Array;
  try {
    expected = sm2PublicKeyToSpkiDer(point);
  } catch {
    throw new Error('not an SM2 public key on sm2p256v1');
  }
  if (expected.length !== der.length || !expected.every((byte, i) => byte === der[i])) {
    throw new Error('not an SM2 (sm2p256v1) SubjectPublicKeyInfo');
  }
  return new Uint8Array(point);
}
