// SCP03 session keys and cryptograms (Amendment D §6.2.1-6.2.2), SM4 in place of AES. With
// context = host challenge (8) || card challenge (8):
//   S-ENC  = KDF(K-ENC, 0x04, 128, context)    S-MAC = KDF(K-MAC, 0x06, 128, context)
//   S-RMAC = KDF(K-MAC, 0x07, 128, context)
//   card cryptogram = KDF(S-MAC, 0x00, 64, context), host cryptogram = KDF(S-MAC, 0x01, 64, context)
import { concatBytes } from '../../crypto/bytes';
import type { CryptoProvider } from '../../crypto/provider';
import { DerivationConstant, scp03Kdf } from './scp03-kdf';
import type { StaticKeys } from './static-keys';

export const CHALLENGE_BYTES = 8;
export const CRYPTOGRAM_BYTES = 8;

export interface SessionKeys {
  readonly sEnc: Uint8Array;
  readonly sMac: Uint8Array;
  readonly sRmac: Uint8Array;
}

export function sessionContext(hostChallenge: Uint8Array, cardChallenge: Uint8Array): Uint8Array {
  if (hostChallenge.length !== CHALLENGE_BYTES || cardChallenge.length !== CHALLENGE_BYTES) {
    throw new RangeError(`SCP03 challenges must be ${CHALLENGE_BYTES} bytes each`);
  }
  return concatBytes(hostChallenge, cardChallenge);
}

export function deriveSessionKeys(
  provider: CryptoProvider,
  keys: StaticKeys,
  context: Uint8Array,
): SessionKeys {
  const derive = (key: Uint8Array, constant: number): Uint8Array =>
    scp03Kdf(provider, { key, constant, lengthBits: 128, context });
  return {
    sEnc: derive(keys.enc, DerivationConstant.sEnc),
    sMac: derive(keys.mac, DerivationConstant.sMac),
    sRmac: derive(keys.mac, DerivationConstant.sRmac),
  };
}

export function cardCryptogram(provider: CryptoProvider, sMac: Uint8Array, context: Uint8Array): Uint8Array {
  return scp03Kdf(provider, {
    key: sMac,
    constant: DerivationConstant.cardCryptogram,
    lengthBits: 64,
    context,
  });
}

export function hostCryptogram(provider: CryptoProvider, sMac: Uint8Array, context: Uint8Array): Uint8Array {
  return scp03Kdf(provider, {
    key: sMac,
    constant: DerivationConstant.hostCryptogram,
    lengthBits: 64,
    context,
  });
}

export function zeroiseSessionKeys(keys: SessionKeys): void {
  keys.sEnc.fill(0);
  keys.sMac.fill(0);
  keys.sRmac.fill(0);
}
