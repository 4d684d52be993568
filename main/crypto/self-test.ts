// Power-on self-test: known-answer tests of every primitive and construction the station uses,
// plus an SM2 sign/verify pairwise-consistency check. Runs at every start-up, so it stays fast.
// The 1,000,000-iteration SM4 vector runs at start-up only under the native provider (~0.25 s on
// the 2-core dev box); under js it takes ~0.4 s, more than all other tests together, so there it
// runs in the test suite only (self-test.test.ts) unless includeIteratedVector is set.
import { bytesToHex, hexToBytes } from './bytes';
import { sm4Cmac } from './cmac';
import { kdfHmacSm3, kdfSm3 } from './kdf';
import { KeyUnwrapError, unwrapKey, wrapKeyWithIv } from './key-wrap';
import type { CryptoProvider } from './provider';
import type { SelfTestResult } from './self-test-result';
import {
  HMAC_SM3_VECTORS,
  KDF_HMAC_SM3_VECTOR,
  KDF_SM3_VECTOR,
  KEY_WRAP_VECTOR,
  SM2_SIGNATURE_VECTOR,
  SM3_VECTORS,
  SM4_CBC_VECTORS,
  SM4_CMAC_VECTORS,
  SM4_CTR_VECTORS,
  SM4_ECB_ITERATED_VECTOR,
  SM4_ECB_VECTOR,
} from './vectors';

export type { SelfTestResult } from './self-test-result';

export interface SelfTestOptions {
  /** Run the 1,000,000-iteration SM4 vector; defaults to true for native, false for js. */
  readonly includeIteratedVector?: boolean;
}

/** A check returns undefined when it passes, otherwise a description of what failed. */
type Check = (provider: CryptoProvider) => string | undefined;

const h = hexToBytes;

function firstFailure(checks: readonly (() => boolean)[], failures: readonly string[]): string | undefined {
  const index = checks.findIndex((check) => !check());
  return index === -1 ? undefined : failures[index];
}

function matches(actual: Uint8Array, expectedHex: string): boolean {
  return bytesToHex(actual) === expectedHex;
}

const sm4Ecb: Check = (p) => {
  const v = SM4_ECB_VECTOR;
  return firstFailure(
    [
      () => matches(p.sm4EncryptEcb(h(v.key), h(v.plaintext)), v.ciphertext),
      () => matches(p.sm4DecryptEcb(h(v.key), h(v.ciphertext)), v.plaintext),
    ],
    ['ciphertext mismatch', 'decrypted plaintext mismatch'],
  );
};

const sm4EcbIterated: Check = (p) => {
  const v = SM4_ECB_ITERATED_VECTOR;
  return matches(p.sm4EncryptBlockIterated(h(v.key), h(v.plaintext), v.iterations), v.ciphertext)
    ? undefined
    : 'ciphertext mismatch after 1,000,000 iterations';
};

const sm4Cbc: Check = (p) => {
  for (const v of SM4_CBC_VECTORS) {
    const iv = h(v.iv ?? '');
    if (!matches(p.sm4EncryptCbc(h(v.key), iv, h(v.plaintext)), v.ciphertext)) return 'ciphertext mismatch';
    if (!matches(p.sm4DecryptCbc(h(v.key), iv, h(v.ciphertext)), v.plaintext)) {
      return 'decrypted plaintext mismatch';
    }
  }
  return undefined;
};

const sm4Ctr: Check = (p) => {
  for (const [i, v] of SM4_CTR_VECTORS.entries()) {
    if (!matches(p.sm4Ctr(h(v.key), h(v.iv ?? ''), h(v.plaintext)), v.ciphertext)) {
      return `ciphertext mismatch (vector ${i + 1})`;
    }
  }
  return undefined;
};

const sm4CmacCheck: Check = (p) => {
  for (const [i, v] of SM4_CMAC_VECTORS.entries()) {
    if (!matches(sm4Cmac(p, h(v.key), h(v.message)), v.mac)) return `tag mismatch (vector ${i + 1})`;
  }
  return undefined;
};

const sm3: Check = (p) => {
  for (const [i, v] of SM3_VECTORS.entries()) {
    if (!matches(p.sm3(h(v.message)), v.digest)) return `digest mismatch (vector ${i + 1})`;
  }
  return undefined;
};

const hmacSm3: Check = (p) => {
  for (const [i, v] of HMAC_SM3_VECTORS.entries()) {
    if (!matches(p.hmacSm3(h(v.key), h(v.message)), v.mac)) return `MAC mismatch (vector ${i + 1})`;
  }
  return undefined;
};

const kdf: Check = (p) => {
  const a = KDF_SM3_VECTOR;
  const b = KDF_HMAC_SM3_VECTOR;
  return firstFailure(
    [
      () => matches(kdfSm3(p, h(a.z), a.length), a.output),
      () =>
        matches(
          kdfHmacSm3(p, { key: h(b.key), label: h(b.label), context: h(b.context), length: b.length }),
          b.output,
        ),
    ],
    ['SM3 KDF output mismatch', 'HMAC-SM3 counter KDF output mismatch'],
  );
};

function rejects(unwrap: () => Uint8Array): boolean {
  try {
    unwrap();
    return false;
  } catch (error) {
    return error instanceof KeyUnwrapError;
  }
}

const keyWrap: Check = (p) => {
  const v = KEY_WRAP_VECTOR;
  const wrapped = h(v.wrapped);
  const tampered = h(v.wrapped);
  tampered[20] = (tampered[20] ?? 0) ^ 0x01;
  return firstFailure(
    [
      () => matches(wrapKeyWithIv(p, h(v.kek), h(v.key), h(v.aad), h(v.iv)), v.wrapped),
      () => matches(unwrapKey(p, h(v.kek), wrapped, h(v.aad)), v.key),
      () => rejects(() => unwrapKey(p, h(v.kek), tampered, h(v.aad))),
      () => rejects(() => unwrapKey(p, h(v.kek), wrapped, h(`${v.aad}00`))),
    ],
    [
      'wrapped key mismatch',
      'unwrapped key mismatch',
      'tampered wrap accepted',
      'wrong associated data accepted',
    ],
  );
};

const sm2VerifyKat: Check = (p) => {
  const v = SM2_SIGNATURE_VECTOR;
  const message = h(v.message);
  const altered = h(v.message);
  altered[0] = (altered[0] ?? 0) ^ 0x01;
  return firstFailure(
    [
      () => p.sm2Verify(h(v.publicKey), message, h(v.signature), h(v.userId)),
      () => !p.sm2Verify(h(v.publicKey), altered, h(v.signature), h(v.userId)),
    ],
    ['known-answer signature rejected', 'signature over an altered message accepted'],
  );
};

const sm2SignVerify: Check = (p) => {
  const v = SM2_SIGNATURE_VECTOR;
  const message = h(v.message);
  const altered = h(v.message);
  altered[0] = (altered[0] ?? 0) ^ 0x01;
  const pair = p.sm2GenerateKeyPair();
  const signature = p.sm2Sign(pair.privateKey, message);
  return firstFailure(
    [
      () => p.sm2Verify(pair.publicKey, message, signature),
      () => !p.sm2Verify(pair.publicKey, altered, signature),
      () => p.sm2Verify(h(v.publicKey), message, p.sm2Sign(h(v.privateKey), message)),
    ],
    [
      'fresh key pair: own signature rejected',
      'fresh key pair: signature over an altered message accepted',
      'known private key: signature rejected under its known public key',
    ],
  );
};

function run(id: string, check: Check, provider: CryptoProvider): SelfTestResult {
  const start = performance.now();
  let detail: string | undefined;
  try {
    detail = check(provider);
  } catch (error) {
    // Library errors may quote their inputs, so only the error's class is reported.
    detail = `threw ${error instanceof Error ? error.name : 'a non-Error value'}`;
  }
  const durationMs = performance.now() - start;
  return detail === undefined ? { id, passed: true, durationMs } : { id, passed: false, durationMs, detail };
}

export function runCryptoSelfTest(provider: CryptoProvider, options: SelfTestOptions = {}): SelfTestResult[] {
  const includeIterated = options.includeIteratedVector ?? provider.name === 'native';
  const checks: [string, Check][] = [
    ['sm4-ecb', sm4Ecb],
    ...(includeIterated ? [['sm4-ecb-1e6', sm4EcbIterated] as [string, Check]] : []),
    ['sm4-cbc', sm4Cbc],
    ['sm4-ctr', sm4Ctr],
    ['sm4-cmac', sm4CmacCheck],
    ['sm3', sm3],
    ['hmac-sm3', hmacSm3],
    ['kdf', kdf],
    ['key-wrap', keyWrap],
    ['sm2-verify-kat', sm2VerifyKat],
    ['sm2-sign-verify', sm2SignVerify],
  ];
  return checks.map(([id, check]) => run(id, check, provider));
}
