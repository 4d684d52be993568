// Issuer master keys at rest: wrapped under the store KEK with associated data naming the key's
// purpose and the ceremony that loaded it, so a stored key cannot be passed off as another.
import { unwrapKey, wrapKey } from '../crypto/key-wrap';
import type { CryptoProvider } from '../crypto/provider';

export type IssuerKeyPurpose = 'kmc';

export function issuerKeyAad(purpose: IssuerKeyPurpose, ceremonyId: string): Uint8Array {
  return new TextEncoder().encode(`station issuer-key v1 ${purpose} ${ceremonyId}`);
}

export function wrapIssuerKey(
  provider: CryptoProvider,
  storeKek: Uint8Array,
  key: Uint8Array,
  purpose: IssuerKeyPurpose,
  ceremonyId: string,
): Uint8Array {
  return wrapKey(provider, storeKek, key, issuerKeyAad(purpose, ceremonyId));
}

/** Throws KeyUnwrapError when the stored key was altered or does not belong to that ceremony. */
export function unwrapIssuerKey(
  provider: CryptoProvider,
  storeKek: Uint8Array,
  wrapped: Uint8Array,
  purpose: IssuerKeyPurpose,
  ceremonyId: string,
): Uint8Array {
  return unwrapKey(provider, storeKek, wrapped, issuerKeyAad(purpose, ceremonyId));
}
