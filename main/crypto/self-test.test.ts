// The power-on self-test passes under both providers, stays fast, and reports (without key
// material) every test that a deliberately broken provider fails.
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bytes';
import { jsProvider } from './js-provider';
import { nativeProvider } from './native-provider';
import type { CryptoProvider } from './provider';
import { runCryptoSelfTest } from './self-test';
import { KEY_WRAP_VECTOR, SM2_SIGNATURE_VECTOR, SM4_ECB_VECTOR } from './vectors';

const startupIds = [
  'sm4-ecb',
  'sm4-cbc',
  'sm4-ctr',
  'sm4-cmac',
  'sm3',
  'hmac-sm3',
  'kdf',
  'key-wrap',
  'sm2-verify-kat',
  'sm2-sign-verify',
];

/** Wraps a provider so that SM4-ECB encryption flips the lowest bit of its first output byte. */
function withBrokenEcb(base: CryptoProvider): CryptoProvider {
  return {
    ...base,
    sm4EncryptEcb(key, data) {
      const out = base.sm4EncryptEcb(key, data);
      if (out.length > 0) out[0] = (out[0] ?? 0) ^ 0x01;
      return out;
    },
  };
}

describe('runCryptoSelfTest', () => {
  it('passes under native, including the 1,000,000-iteration SM4 vector', () => {
    const start = performance.now();
    const results = runCryptoSelfTest(nativeProvider);
    const elapsed = performance.now() - start;
    expect(results.map((r) => r.id)).toEqual(['sm4-ecb', 'sm4-ecb-1e6', ...startupIds.slice(1)]);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    // ~0.3 s alone on the 2-core dev box; the bound only catches gross regressions under parallel load.
    expect(elapsed).toBeLessThan(3000);
  });

  it('passes under js; the iterated vector is left out at start-up but passes when asked for', () => {
    const results = runCryptoSelfTest(jsProvider);
    expect(results.map((r) => r.id)).toEqual(startupIds);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    const full = runCryptoSelfTest(jsProvider, { includeIteratedVector: true });
    expect(full.find((r) => r.id === 'sm4-ecb-1e6')?.passed).toBe(true);
  });

  it.each([nativeProvider, jsProvider])('reports what fails when $name SM4-ECB flips a bit', (base) => {
    const results = runCryptoSelfTest(withBrokenEcb(base), { includeIteratedVector: false });
    const failed = Object.fromEntries(results.filter((r) => !r.passed).map((r) => [r.id, r.detail]));
    expect(failed).toEqual({ 'sm4-ecb': 'ciphertext mismatch', 'sm4-cmac': 'tag mismatch (vector 1)' });
    const secrets = [SM4_ECB_VECTOR.key, KEY_WRAP_VECTOR.kek, SM2_SIGNATURE_VECTOR.privateKey];
    for (const r of results) {
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
      for (const secret of secrets) expect(r.detail ?? '').not.toContain(secret);
    }
  });

  it('reports only the class of an unexpected error, never its message', () => {
    const throwing: CryptoProvider = {
      ...nativeProvider,
      sm3() {
        throw new TypeError(`leaky ${bytesToHex(new Uint8Array(16).fill(0xab))}`);
      },
    };
    const results = runCryptoSelfTest(throwing, { includeIteratedVector: false });
    const sm3 = results.find((r) => r.id === 'sm3');
    expect(sm3).toMatchObject({ passed: false, detail: 'threw TypeError' });
  });
});
