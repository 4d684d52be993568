// The reference chip's applet (docs/chip-protocol.md) behind the ChipProfile interface: SELECT and
// GET DATA to identify, SCP03-SM4 at level 0x33 to open, PUT KEYS in as few APDUs as the session
// carries, CHECK POOL and PROVE KEY against fresh challenges, LOCK. Every response is checked
// for status and exact length before use.
import { randomBytes } from 'node:crypto';
import { bytesToHex, concatBytes, hexToBytes } from '../../crypto/bytes';
import { SM4_KEY_BYTES } from '../../crypto/input-checks';
import type { CryptoProvider } from '../../crypto/provider';
import { encodeCommandApdu, SHORT_MAX_NE } from '../apdu/command-apdu';
import { requireDataLength } from '../apdu/response-apdu';
import { requireSuccess } from '../apdu/status-words';
import { openScp03Session } from '../secure-channel/scp03-session';
import { sameBytes } from '../secure-channel/secure-messaging';
import type { SecureSession } from '../secure-channel/secure-session';
import { CHIP_SERIAL_BYTES, diversifyStaticKeys, type StaticKeys } from '../secure-channel/static-keys';
import { parseAtr } from '../transport/atr';
import type { ApduTransport } from '../transport/transport';
import { ChipGuardError } from './chip-guard-error';
import { AUTH_RETRY_FLOOR, type ChipIdentity, type ChipProfile, type PoolKey } from './chip-profile';
import { keyProof, poolCheckMac, poolDigestOfSecret, poolSecret, sortedPool } from './pool-proofs';
import {
  parseChipStatus,
  parseFci,
  referenceDiversificationData,
  type ReferenceFci,
} from './reference-data-objects';
import {
  CLA_ISO,
  CLA_PROPRIETARY,
  Ins,
  REFERENCE_AID,
  REFERENCE_HISTORICAL_PREFIX,
  Tag,
  VERIFY_CHALLENGE_BYTES,
} from './reference-protocol';

export interface ReferenceProfileDeps {
  readonly provider: CryptoProvider;
  /** Challenge source; node:crypto randomBytes unless a test pins it. */
  readonly random?: (length: number) => Uint8Array;
}

const POOL_CHECK_RESPONSE_BYTES = 2 + 32;

function serialBytes(serial: string): Uint8Array {
  if (serial.length !== CHIP_SERIAL_BYTES * 2 || !/^[0-9a-f]*$/.test(serial)) {
    throw new RangeError(`chip serial must be ${CHIP_SERIAL_BYTES * 2} lowercase hex digits`);
  }
  return hexToBytes(serial);
}

async function select(transport: ApduTransport): Promise<ReferenceFci> {
  const command = encodeCommandApdu({
    cla: CLA_ISO,
    ins: Ins.select,
    p1: 0x04,
    p2: 0x00,
    data: REFERENCE_AID,
    ne: SHORT_MAX_NE,
  });
  return parseFci(requireSuccess(await transport.transmit(command), 'SELECT'));
}

async function readStatus(transport: ApduTransport): Promise<ChipIdentity> {
  const command = encodeCommandApdu({
    cla: CLA_PROPRIETARY,
    ins: Ins.getData,
    p1: Tag.chipStatus >> 8,
    p2: Tag.chipStatus & 0xff,
    ne: SHORT_MAX_NE,
  });
  return parseChipStatus(requireSuccess(await transport.transmit(command), 'GET DATA'));
}

/** Sends one applet command through the session and returns its response data. */
async function exchange(
  session: SecureSession,
  name: string,
  ins: number,
  p1p2: number,
  data: Uint8Array,
  responseBytes: number,
): Promise<Uint8Array> {
  const command = encodeCommandApdu({
    cla: CLA_PROPRIETARY,
    ins,
    p1: p1p2 >> 8,
    p2: p1p2 & 0xff,
    data,
    ne: responseBytes === 0 ? 0 : SHORT_MAX_NE,
  });
  try {
    return requireDataLength(requireSuccess(await session.transmit(command), name), responseBytes, name);
  } finally {
    command.fill(0);
  }
}

/** Consecutive slot runs of at most `perApdu` keys, each one PUT KEYS. */
function putKeysChunks(sorted: readonly PoolKey[], perApdu: number): readonly (readonly PoolKey[])[] {
  const chunks: PoolKey[][] = [];
  let current: PoolKey[] = [];
  for (const entry of sorted) {
    const last = current[current.length - 1];
    if (current.length === perApdu || (last !== undefined && last.index + 1 !== entry.index)) {
      chunks.push(current);
      current = [];
    }
    current.push(entry);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function createReferenceProfile(deps: ReferenceProfileDeps): ChipProfile {
  const { provider } = deps;
  const random = deps.random ?? ((length: number) => new Uint8Array(randomBytes(length)));

  return {
    id: 'reference',

    recognises(atr) {
      const historical = parseAtr(atr)?.historical;
      return (
        historical !== undefined &&
        historical.length >= REFERENCE_HISTORICAL_PREFIX.length &&
        sameBytes(historical.subarray(0, REFERENCE_HISTORICAL_PREFIX.length), REFERENCE_HISTORICAL_PREFIX)
      );
    },

    async identify(transport) {
      await select(transport);
      return readStatus(transport);
    },

    deriveStaticKeys(kmc, serial) {
      return diversifyStaticKeys(provider, kmc, serialBytes(serial));
    },

    async openSecureChannel(transport, staticKeys: StaticKeys, serial) {
      const expectedSerial = serialBytes(serial);
      const fci = await select(transport);
      const status = await readStatus(transport);
      if (status.serial !== serial) {
        throw new ChipGuardError(
          'SERIAL_MISMATCH',
          `the keys are for chip ${serial}, the reader holds ${status.serial}`,
        );
      }
      if (status.authRetriesLeft <= AUTH_RETRY_FLOOR) {
        throw new ChipGuardError(
          'AUTH_RETRIES_LOW',
          `chip ${serial} has ${status.authRetriesLeft} authentication tries left (the station stops at ${AUTH_RETRY_FLOOR})`,
        );
      }
      return openScp03Session(transport, {
        provider,
        staticKeys,
        diversificationData: referenceDiversificationData(expectedSerial),
        chipMaxCommandData: fci.maxCommandData,
        random,
      });
    },

    async putKeys(session, keys, options = {}) {
      const sorted = sortedPool(keys);
      const perApdu = Math.floor(session.maxCommandData / SM4_KEY_BYTES);
      let written = 0;
      for (const chunk of putKeysChunks(sorted, perApdu)) {
        const first = chunk[0]?.index ?? 0;
        const plain = concatBytes(...chunk.map((entry) => entry.key));
        let wrapped: Uint8Array;
        try {
          wrapped = session.encryptKeyData(plain);
        } finally {
          plain.fill(0);
        }
        try {
          await exchange(session, 'PUT KEYS', Ins.putKeys, first, wrapped, 0);
        } finally {
          wrapped.fill(0);
        }
        written += chunk.length;
        options.onProgress?.(written, sorted.length);
      }
    },

    async checkPool(session, keys) {
      const challenge = random(VERIFY_CHALLENGE_BYTES);
      const secret = poolSecret(provider, keys);
      try {
        const expected = poolCheckMac(provider, secret, challenge);
        const answer = await exchange(
          session,
          'CHECK POOL',
          Ins.checkPool,
          0,
          challenge,
          POOL_CHECK_RESPONSE_BYTES,
        );
        const actual = answer.subarray(2);
        const chipKeyCount = ((answer[0] ?? 0) << 8) | (answer[1] ?? 0);
        return {
          ok: chipKeyCount === keys.length && sameBytes(expected, actual),
          expected: bytesToHex(expected),
          actual: bytesToHex(actual),
          expectedKeyCount: keys.length,
          chipKeyCount,
        };
      } finally {
        secret.fill(0);
      }
    },

    async proveKey(session, index, key) {
      if (key.length !== SM4_KEY_BYTES) throw new RangeError(`key must be 16 bytes, got ${key.length}`);
      const challenge = random(VERIFY_CHALLENGE_BYTES);
      const expected = keyProof(provider, key, index, challenge);
      const answer = await exchange(session, 'PROVE KEY', Ins.proveKey, index, challenge, expected.length);
      return sameBytes(expected, answer);
    },

    async lock(session) {
      await exchange(session, 'LOCK', Ins.lock, 0, new Uint8Array(0), 0);
    },

    poolDigest(keys) {
      const secret = poolSecret(provider, keys);
      try {
        return poolDigestOfSecret(provider, secret);
      } finally {
        secret.fill(0);
      }
    },
  };
}
