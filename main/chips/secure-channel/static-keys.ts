// The per-chip static secure-channel keys (K-ENC, K-MAC, K-DEK) and their diversification from the
// issuer master key (KMC) and the chip serial: the SCP03 KDF (SM4-CMAC, counter mode) keyed with
// the KMC, label "QKFS-KMC-v1", constant 0x01 / 0x02 / 0x03 for ENC / MAC / DEK, L = 128, and
// context = the 8-byte chip serial. The issuer loads the same three keys into each chip when it
// personalises it; the station re-derives them per chip from the KMC of the key ceremony.
import { SM4_KEY_BYTES } from '../../crypto/input-checks';
import type { CryptoProvider } from '../../crypto/provider';
import { scp03Kdf } from './scp03-kdf';

export const CHIP_SERIAL_BYTES = 8;
const DIVERSIFICATION_LABEL = new TextEncoder().encode('QKFS-KMC-v1');

const DiversificationConstant = { enc: 0x01, mac: 0x02, dek: 0x03 } as const;

export interface StaticKeys {
  readonly enc: Uint8Array;
  readonly mac: Uint8Array;
  readonly dek: Uint8Array;
}

export function diversifyStaticKeys(
  provider: CryptoProvider,
  kmc: Uint8Array,
  serial: Uint8Array,
): StaticKeys {
  if (kmc.length !== SM4_KEY_BYTES) throw new RangeError(`KMC must be 16 bytes, got ${kmc.length}`);
  if (serial.length !== CHIP_SERIAL_BYTES) {
    throw new RangeError(`chip serial must be ${CHIP_SERIAL_BYTES} bytes, got ${serial.length}`);
  }
  const derive = (constant: number): Uint8Array =>
    scp03Kdf(provider, {
      key: kmc,
      label: DIVERSIFICATION_LABEL,
      constant,
      lengthBits: 128,
      context: serial,
    });
  return {
    enc: derive(DiversificationConstant.enc),
    mac: derive(DiversificationConstant.mac),
    dek: derive(DiversificationConstant.dek),
  };
}

export function copyStaticKeys(keys: StaticKeys): StaticKeys {
  return { enc: keys.enc.slice(), mac: keys.mac.slice(), dek: keys.dek.slice() };
}

export function zeroiseStaticKeys(keys: StaticKeys): void {
  keys.enc.fill(0);
  keys.mac.fill(0);
  keys.dek.fill(0);
}
