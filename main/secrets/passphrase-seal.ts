// Sealing the station master secret by a passphrase (stations without an OS keystore): scrypt
// turns the passphrase and a random salt into a 16-byte KEK, and the master secret is wrapped
// under it with the station's authenticated key wrap. A wrong passphrase fails the wrap's tag.
import { randomBytes } from 'node:crypto';
import { KeyUnwrapError, unwrapKey, wrapKey } from '../crypto/key-wrap';
import type { CryptoProvider } from '../crypto/provider';
import {
  formatScryptParams,
  parseScryptParams,
  SCRYPT_SALT_BYTES,
  scryptDerive,
  type ScryptParams,
} from '../auth/scrypt';

const KEK_BYTES = 16;
const AAD = new TextEncoder().encode('station master-secret v1 passphrase');

export interface PassphraseSeal {
  readonly sealed: Uint8Array;
  /** scrypt parameters as "ln=..,r=..,p=..". */
  readonly kdf: string;
  readonly salt: Uint8Array;
}

export async function sealWithPassphrase(
  provider: CryptoProvider,
  masterSecret: Uint8Array,
  passphrase: string,
  params: ScryptParams,
): Promise<PassphraseSeal> {
  const salt = new Uint8Array(randomBytes(SCRYPT_SALT_BYTES));
  const kek = await scryptDerive(passphrase, salt, KEK_BYTES, params);
  try {
    return { sealed: wrapKey(provider, kek, masterSecret, AAD), kdf: formatScryptParams(params), salt };
  } finally {
    kek.fill(0);
  }
}

/** The master secret, or null when the passphrase is wrong (or the seal was altered). */
export async function unsealWithPassphrase(
  provider: CryptoProvider,
  seal: PassphraseSeal,
  passphrase: string,
): Promise<Uint8Array | null> {
  const params = parseScryptParams(seal.kdf);
  if (!params) {
    throw new Error('The sealed station master secret names scrypt parameters this station cannot use.');
  }
  const kek = await scryptDerive(passphrase, seal.salt, KEK_BYTES, params);
  try {
    return unwrapKey(provider, kek, seal.sealed, AAD);
  } catch (error) {
    if (error instanceof KeyUnwrapError) return null;
    throw error;
  } finally {
    kek.fill(0);
  }
}
