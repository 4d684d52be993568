// Known-answer vectors for the self-test and the test suite, as lowercase hex, each with its source.
// Every SM4/SM3/HMAC/CMAC/KDF value here was also reproduced with the OpenSSL 3.0 CLI
// (openssl enc / dgst / mac / kdf); openssl-agreement.int.test.ts re-checks them on every run.

export interface Sm4Vector {
  readonly source: string;
  readonly key: string;
  readonly iv?: string;
  readonly plaintext: string;
  readonly ciphertext: string;
}

export interface HashVector {
  readonly source: string;
  readonly message: string;
  readonly digest: string;
}

export interface MacVector {
  readonly source: string;
  readonly key: string;
  readonly message: string;
  readonly mac: string;
}

const GBT_32907 = 'GB/T 32907-2016 (GM/T 0002-2012) SM4, example';
const RIBOSE_VIA_OPENSSL =
  'draft-ribose-cfrg-sm4 as carried in OpenSSL test/recipes/30-test_evp_data/evpciph_sm4.txt';
const GMT_0042 =
  'GM/T 0042-2015 Appendix D.3, as carried in OpenSSL test/recipes/30-test_evp_data/evpmac_sm3.txt';
const EXAMPLE_KEY = '0123456789abcdeffedcba9876543210';

export const SM4_ECB_VECTOR: Sm4Vector = {
  source: `${GBT_32907} 1`,
  key: EXAMPLE_KEY,
  plaintext: EXAMPLE_KEY,
  ciphertext: '681edf34d206965e86b3e94f536e4246',
};

/** Example 2: the example-1 plaintext encrypted 1,000,000 times with the same key. */
export const SM4_ECB_ITERATED_VECTOR: Sm4Vector & { readonly iterations: number } = {
  source: `${GBT_32907} 2`,
  key: EXAMPLE_KEY,
  plaintext: EXAMPLE_KEY,
  iterations: 1_000_000,
  ciphertext: '595298c7c6fd271f0402f804c33d3f66',
};

export const SM4_CBC_VECTORS: readonly Sm4Vector[] = [
  {
    source: RIBOSE_VIA_OPENSSL,
    key: EXAMPLE_KEY,
    iv: EXAMPLE_KEY,
    plaintext: EXAMPLE_KEY + EXAMPLE_KEY,
    ciphertext: '2677f46b09c122cc975533105bd4a22af6125f7275ce552c3a2bbcf533de8a3b',
  },
];

export const SM4_CTR_VECTORS: readonly Sm4Vector[] = [
  {
    source: RIBOSE_VIA_OPENSSL,
    key: EXAMPLE_KEY,
    iv: EXAMPLE_KEY,
    plaintext:
      'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd' +
      'eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa',
    ciphertext:
      'c2b4759e78ac3cf43d0852f4e8d5f9fd7256e8a5fcb65a350ee00630912e4449' +
      '2a0b17e1b85b060d0fba612d8a95831638b361fd5ffacd942f081485a83ca35d',
  },
  {
    source:
      'Generated with `openssl enc -sm4-ctr` (OpenSSL 3.0.19): counter wraps from ff..fe past 2^128, ' +
      'partial last block',
    key: EXAMPLE_KEY,
    iv: 'fffffffffffffffffffffffffffffffe',
    plaintext: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c',
    ciphertext: '661316b2cd2d2589977512f08f82f6577800bd6d1d6672f09ee25fd541877eef0656d6482de404ebbf7c193b77',
  },
];

export const SM3_VECTORS: readonly HashVector[] = [
  {
    source: 'GB/T 32905-2016 (GM/T 0004-2012) SM3, example 1: "abc"',
    message: '616263',
    digest: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  },
  {
    source: 'GB/T 32905-2016 (GM/T 0004-2012) SM3, example 2: "abcd" x 16',
    message: '61626364'.repeat(16),
    digest: 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
  },
];

export const HMAC_SM3_VECTORS: readonly MacVector[] = [
  {
    source: GMT_0042,
    key: '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20',
    message: Buffer.from(
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2),
      'latin1',
    ).toString('hex'),
    mac: 'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
  },
  {
    source: GMT_0042,
    key: '0b'.repeat(32),
    message: Buffer.from('Hi There', 'latin1').toString('hex'),
    mac: 'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e',
  },
];

/**
 * No published SM4-CMAC vectors were found; these were generated with
 * `openssl mac -cipher SM4-CBC -macopt hexkey:<key> CMAC` (OpenSSL 3.0.19) over the NIST SP 800-38B
 * AES example key and messages (empty, one block, partial last block, four blocks).
 */
const CMAC_KEY = '2b7e151628aed2a6abf7158809cf4f3c';
const CMAC_MESSAGE =
  '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51' +
  '30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710';
const CMAC_SOURCE = 'Generated with `openssl mac -cipher SM4-CBC CMAC` (OpenSSL 3.0.19)';
export const SM4_CMAC_VECTORS: readonly MacVector[] = [
  { source: CMAC_SOURCE, key: CMAC_KEY, message: '', mac: '399a9c930964a3d4e38c59da47f0b309' },
  {
    source: CMAC_SOURCE,
    key: CMAC_KEY,
    message: CMAC_MESSAGE.slice(0, 32),
    mac: '4e4c2a4417e567fef081e0fab55a5762',
  },
  {
    source: CMAC_SOURCE,
    key: CMAC_KEY,
    message: CMAC_MESSAGE.slice(0, 80),
    mac: '8e31701927d50b28d53787513b69dd75',
  },
  { source: CMAC_SOURCE, key: CMAC_KEY, message: CMAC_MESSAGE, mac: 'cc2b4f3d2c5aaf8a4ac30e28650eddc0' },
];

/** GM/T 0003.3 SM3 KDF = X9.63 KDF with SM3; generated with `openssl kdf -kdfopt digest:SM3 X963KDF`. */
export const KDF_SM3_VECTOR = {
  source: 'Generated with `openssl kdf -keylen 100 -kdfopt digest:SM3 X963KDF` (OpenSSL 3.0.19)',
  z: Buffer.from('station kdf vector', 'latin1').toString('hex'),
  length: 100,
  output:
    '0cd707a3b92a9c17a39701936f3ad7a5fe2316edcfd2e800b4acbdcffebde6341a3443aea8138a1c9fdb4003941703e9' +
    '5ebb6c13633c137cbdeff2d5c0f7fc1f9bd291a115d3a15bb658e7c0a90c7216384475e761a0750b06480622338625' +
    '7d37e3b015',
} as const;

/** SP 800-108 counter mode, HMAC-SM3, layout of kdf.ts; generated with `openssl kdf ... KBKDF`. */
export const KDF_HMAC_SM3_VECTOR = {
  source:
    'Generated with `openssl kdf -keylen 48 -kdfopt mac:HMAC -kdfopt digest:SM3 KBKDF` ' +
    '(OpenSSL 3.0.19; salt = label, info = context)',
  key: EXAMPLE_KEY,
  label: Buffer.from('label', 'latin1').toString('hex'),
  context: Buffer.from('context', 'latin1').toString('hex'),
  length: 48,
  output: 'd1460c1ae332429e7806925f8cfe2e68e924f7327a7720f5677ab831c3f9dec6e5d9a51ab1a4bdce650318e2fb2ceac3',
} as const;

export const KCV_VECTOR = {
  source: 'First 3 bytes of SM4_K(0^128) computed with `openssl enc -sm4-ecb -nopad` (OpenSSL 3.0.19)',
  key: EXAMPLE_KEY,
  kcv: '2677f4',
} as const;

/**
 * GM/T 0003.5-2012 (GB/T 32918.5) Appendix A: signature example on the recommended curve,
 * message "message digest", default ID 1234567812345678; za is Z_A, digest is e = SM3(Z_A || M).
 * Verified with `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678`.
 */
export const SM2_SIGNATURE_VECTOR = {
  source: 'GM/T 0003.5-2012 Appendix A, SM2 signature example on sm2p256v1',
  privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' +
    '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  userId: Buffer.from('1234567812345678', 'latin1').toString('hex'),
  message: Buffer.from('message digest', 'latin1').toString('hex'),
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  digest: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  signature:
    '3046' +
    '022100f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3' +
    '022100b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
} as const;

/**
 * Pins the key-wrap.ts format. Generated by wrapKeyWithIv; openssl-agreement.int.test.ts rebuilds
 * the same bytes independently with `openssl kdf KBKDF`, `openssl enc -sm4-ctr` and `openssl mac HMAC`.
 */
export const KEY_WRAP_VECTOR = {
  source: 'Generated by key-wrap.ts v1, reproduced with the OpenSSL 3.0.19 CLI',
  kek: EXAMPLE_KEY,
  key: '00112233445566778899aabbccddeeff',
  aad: Buffer.from('key-id:42|purpose:fill', 'latin1').toString('hex'),
  iv: '000102030405060708090a0b0c0d0e0f',
  wrapped:
    '01' +
    '000102030405060708090a0b0c0d0e0f' +
    'bd857468385d7f5204acf062057ade4e' +
    'd1a9366a759f759950f8955e7fa0c2797b48d51099cfd4586f3587bc5facd05b',
} as const;
