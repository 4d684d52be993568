// Picks the crypto provider: native (node:crypto) when this runtime's OpenSSL has SM2/SM3/SM4,
// otherwise js (sm-crypto-v2). STATION_CRYPTO=native|js forces one; any other value is an error.
import { createCipheriv, createECDH, createHash } from 'node:crypto';
import { jsProvider } from './js-provider';
import { nativeProvider } from './native-provider';
import type { CryptoProvider } from './provider';

let nativeSupport: boolean | undefined;

/** True when node:crypto can run SM4-ECB, SM3 and SM2 point multiplication (false under BoringSSL). */
export function nativeSmAlgorithmsAvailable(): boolean {
  if (nativeSupport === undefined) {
    try {
      createCipheriv('sm4-ecb', new Uint8Array(16), null).final();
      createHash('sm3').digest();
      createECDH('SM2').generateKeys();
      nativeSupport = true;
    } catch {
      nativeSupport = false;
    }
  }
  return nativeSupport;
}

export function selectProvider(env: NodeJS.ProcessEnv = process.env): CryptoProvider {
  const requested = env.STATION_CRYPTO;
  if (requested === undefined) return nativeSmAlgorithmsAvailable() ? nativeProvider : jsProvider;
  if (requested === 'js') return jsProvider;
  if (requested === 'native') {
    if (!nativeSmAlgorithmsAvailable()) {
      throw new Error(
        "STATION_CRYPTO=native, but this runtime's node:crypto has no SM2/SM3/SM4 " +
          '(Electron uses BoringSSL); unset STATION_CRYPTO or set it to js',
      );
    }
    return nativeProvider;
  }
  throw new Error(`STATION_CRYPTO must be 'native' or 'js', got '${requested}'`);
}
