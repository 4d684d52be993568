// Encodes a raw SM2 public key (04 || x || y) as an X.509 SubjectPublicKeyInfo (DER or PEM) with
// algorithm id-ecPublicKey and named curve sm2p256v1 (OID 1.2.156.10197.1.301), the form that
// `openssl pkeyutl -verify -pubin` and other verifiers of station signatures read.
import { concatBytes } from './bytes';
import { parseSm2PublicKey } from './sm2-curve';

// SEQUENCE(89) { SEQUENCE(19) { OID 1.2.840.10045.2.1, OID 1.2.156.10197.1.301 },
//                BIT STRING(66) 00 || point }
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x81, 0x1c,
  0xcf, 0x55, 0x01, 0x82, 0x2d, 0x03, 0x42, 0x00,
]);

export function sm2PublicKeyToSpkiDer(publicKey: Uint8Array): Uint8Array {
  parseSm2PublicKey(publicKey);
  return concatBytes(SPKI_PREFIX, publicKey);
}

export function sm2PublicKeyToPem(publicKey: Uint8Array): string {
  const base64 = Buffer.from(sm2PublicKeyToSpkiDer(publicKey)).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN PUBLIC KEY-----', ...lines, '-----END PUBLIC KEY-----', ''].join('\n');
}
