// SM3 over a message fed in pieces, for either provider: node:crypto's streaming hash under the
// native provider, the pure-JS Sm3Js under the js provider. Used to hash and sign files too large
// to hold in memory (audit exports).
import { createHash } from 'node:crypto';
import { toUint8Array } from './bytes';
import type { CryptoProvider } from './provider';
import { Sm3Js } from './sm3-js';

export interface Sm3Stream {
  update(data: Uint8Array): void;
  /** The 32-byte digest; the stream cannot be used afterwards. */
  digest(): Uint8Array;
}

export function createSm3Stream(provider: CryptoProvider): Sm3Stream {
  if (provider.name === 'js') return new Sm3Js();
  const hash = createHash('sm3');
  return {
    update: (data) => hash.update(data),
    digest: () => toUint8Array(hash.digest()),
  };
}
