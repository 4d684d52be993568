// The key-service connector over KMIP 1.2: each key of a binding is registered as a Symmetric Key
// (SM4, 128 bits, Raw, usage Encrypt|Decrypt) named after the chip (chip-key-naming.ts). A push
// first Locates the chip's Object Group and reads what the server already holds (Get Attributes
// and Get, batched); keys already there and equal are not registered again, any difference is a
// SyncConflictError, and the missing keys are registered in batches. So a push interrupted half
// way (server killed, connection lost) completes on retry without duplicates. Keys read back are
// compared in constant time and zeroed afterwards unless the caller asked for them.
import { timingSafeEqual } from 'node:crypto';
import { bytesToHex } from '../../crypto/bytes';
import { sm4KeyCheckValue } from '../../crypto/key-check-value';
import type { CryptoProvider } from '../../crypto/provider';
import { assertChipSerial, checkBinding } from '../binding-check';
import type {
  BoundKey,
  ChipKeyBinding,
  KeyServiceConnector,
  KeyServiceHealth,
  PushResult,
  StoredBinding,
  StoredKey,
} from '../key-service-connector';
import { KeyServiceError, SyncConflictError, type ConflictDetail } from '../key-service-errors';
import {
  chipKeyInformation,
  chipKeyName,
  chipObjectGroup,
  readChipKeyIdentity,
  type ChipKeyIdentity,
} from './chip-key-naming';
import type { KmipClient } from './kmip-client';
import { KmipMalformedResponseError } from './kmip-errors';
import {
  AttributeName,
  objectGroupAttribute,
  objectTypeAttribute,
  readIdentityAttributes,
} from './messages/attributes';
import type { BatchItemResult } from './messages/batch-results';
import type { StructureReader } from './messages/structure-reader';
import { discoverVersionsRequest, readDiscoverVersionsResponse } from './messages/discover-versions';
import { getAttributesRequest, readGetAttributesResponse } from './messages/get-attributes';
import { getRequest, readGetSymmetricKeyResponse } from './messages/get';
import { locateRequest, readLocateResponse } from './messages/locate';
import { formatVersion, KMIP_1_2 } from './messages/protocol-version';
import { readRegisterResponse, registerSymmetricKeyRequest } from './messages/register';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
} from './ttlv/enumerations';
import { zeroByteStrings } from './ttlv/ttlv-item';

export interface KmipConnectorOptions {
  readonly client: KmipClient;
  readonly provider: CryptoProvider;
  /** Register operations per request message; default 256. */
  readonly registerBatchSize?: number;
  /** Objects read (Get Attributes + Get) per request message; default 256. */
  readonly readBatchSize?: number;
}

const SM4_KEY_BITS = 128;

/** A key object of the chip as the server holds it. */
interface HeldKey extends ChipKeyIdentity {
  readonly objectId: string;
  readonly key: Uint8Array;
  readonly isSm4: boolean;
}

export class KmipConnector implements KeyServiceConnector {
  readonly name: string;
  readonly #client: KmipClient;
  readonly #provider: CryptoProvider;
  readonly #registerBatchSize: number;
  readonly #readBatchSize: number;

  constructor(options: KmipConnectorOptions) {
    this.#client = options.client;
    this.#provider = options.provider;
    this.#registerBatchSize = positive(options.registerBatchSize ?? 256, 'registerBatchSize');
    this.#readBatchSize = positive(options.readBatchSize ?? 256, 'readBatchSize');
    this.name = `kmip ${options.client.endpoint}`;
  }

  async pushBinding(binding: ChipKeyBinding): Promise<PushResult> {
    checkBinding(binding, this.#provider);
    const held = await this.#readChip(binding.chipSerial);
    try {
      const differences = compare(binding, held);
      if (differences.length > 0) throw new SyncConflictError(binding.chipSerial, differences);
    } finally {
      for (const key of held) key.key.fill(0);
    }
    const present = new Set(held.map((key) => key.index));
    const missing = binding.keys.filter((key) => !present.has(key.index));
    for (let at = 0; at < missing.length; at += this.#registerBatchSize) {
      await this.#register(binding, missing.slice(at, at + this.#registerBatchSize));
    }
    return { chipSerial: binding.chipSerial, registered: missing.length, alreadyPresent: present.size };
  }

  async lookupBinding(
    chipSerial: string,
    options: { readonly withKeys?: boolean } = {},
  ): Promise<StoredBinding | null> {
    assertChipSerial(chipSerial);
    const held = await this.#readChip(chipSerial);
    if (held.length === 0) return null;
    const keys = held
      .map((entry): StoredKey => {
        const kcv = bytesToHex(sm4KeyCheckValue(this.#provider, entry.key));
        if (options.withKeys === true)
          return { index: entry.index, kcv, objectId: entry.objectId, key: entry.key };
        entry.key.fill(0);
        return { index: entry.index, kcv, objectId: entry.objectId };
      })
      .sort((a, b) => a.index - b.index);
    const [first] = held;
    return { chipSerial, batchId: first?.batchId, poolDigest: first?.poolDigest, keys };
  }

  async health(): Promise<KeyServiceHealth> {
    const started = performance.now();
    try {
      const payload = await this.#client.call(discoverVersionsRequest([KMIP_1_2]), { idempotent: true });
      const versions = readDiscoverVersionsResponse(payload);
      const latencyMs = performance.now() - started;
      if (!versions.some((v) => v.major === KMIP_1_2.major && v.minor === KMIP_1_2.minor)) {
        const offered = versions.map(formatVersion).join(', ') || 'none';
        return { ok: false, code: 'unsupported-version', detail: `server speaks KMIP ${offered}, not 1.2` };
      }
      return { ok: true, latencyMs, detail: `KMIP 1.2 at ${this.#client.endpoint}` };
    } catch (error) {
      if (error instanceof KeyServiceError) return { ok: false, code: error.code, detail: error.message };
      return { ok: false, code: 'unknown', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): Promise<void> {
    return this.#client.close();
  }

  async #register(binding: ChipKeyBinding, keys: readonly BoundKey[]): Promise<void> {
    const { chipSerial, batchId, poolDigest } = binding;
    const results = await this.#client.batch(
      keys.map((key) =>
        registerSymmetricKeyRequest({
          key: key.key,
          algorithm: CryptographicAlgorithm.SM4,
          lengthBits: SM4_KEY_BITS,
          usageMask: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
          names: [chipKeyName(chipSerial, key.index)],
          objectGroups: [chipObjectGroup(chipSerial)],
          applicationSpecificInformation: chipKeyInformation(chipSerial, key.index, batchId, poolDigest),
          subject: `chip ${chipSerial} key ${key.index}`,
        }),
      ),
      { continueOnError: true },
    );
    for (const result of results) readRegisterResponse(succeeded(result));
  }

  /** Every key object the server holds in the chip's Object Group, read back with its identity. */
  async #readChip(chipSerial: string): Promise<HeldKey[]> {
    const payload = await this.#client.call(
      locateRequest({
        attributes: [
          objectTypeAttribute(ObjectType.SymmetricKey),
          objectGroupAttribute(chipObjectGroup(chipSerial)),
        ],
        subject: `chip ${chipSerial}`,
      }),
      { idempotent: true },
    );
    const objectIds = readLocateResponse(payload);
    const held: HeldKey[] = [];
    try {
      for (let at = 0; at < objectIds.length; at += this.#readBatchSize) {
        held.push(...(await this.#readObjects(chipSerial, objectIds.slice(at, at + this.#readBatchSize))));
      }
    } catch (error) {
      for (const key of held) key.key.fill(0);
      throw error;
    }
    return held;
  }

  async #readObjects(chipSerial: string, objectIds: readonly string[]): Promise<HeldKey[]> {
    const identityAttributes = [AttributeName.ApplicationSpecificInformation];
    const results = await this.#client.batch(
      objectIds.flatMap((id) => [
        getAttributesRequest(id, identityAttributes, `object ${id} of chip ${chipSerial}`),
        getRequest(id, `object ${id} of chip ${chipSerial}`, KeyFormatType.Raw),
      ]),
      { idempotent: true, continueOnError: true },
    );
    const held: HeldKey[] = [];
    try {
      objectIds.forEach((objectId, i) => {
        const attributes = readGetAttributesResponse(succeeded(results[2 * i]));
        const retrieved = readGetSymmetricKeyResponse(succeeded(results[2 * i + 1]));
        if (attributes.uniqueIdentifier !== objectId || retrieved.uniqueIdentifier !== objectId) {
          throw new KmipMalformedResponseError(
            `malformed KMIP response: object ${objectId} answered for another object`,
          );
        }
        const information = readIdentityAttributes(attributes.attributes).applicationSpecificInformation;
        const identity = readChipKeyIdentity(chipSerial, information);
        if (identity === undefined) {
          retrieved.key.fill(0);
          return;
        }
        const isSm4 =
          retrieved.keyFormatType === KeyFormatType.Raw &&
          retrieved.algorithm === CryptographicAlgorithm.SM4 &&
          retrieved.lengthBits === SM4_KEY_BITS;
        held.push({ ...identity, objectId, key: retrieved.key, isSm4 });
      });
    } catch (error) {
      for (const result of results) if (result.ok && result.payload) zeroByteStrings(result.payload.item);
      throw error;
    }
    return held;
  }
}

/** How the server's objects for the chip differ from the binding; empty when they are a subset of it. */
function compare(binding: ChipKeyBinding, held: readonly HeldKey[]): ConflictDetail[] {
  const wanted = new Map(binding.keys.map((key) => [key.index, key]));
  const differences: ConflictDetail[] = [];
  for (const entry of held) {
    const key = wanted.get(entry.index);
    const conflict = (problem: ConflictDetail['problem']): void => {
      differences.push({ index: entry.index, problem, objectId: entry.objectId });
    };
    if (key === undefined) conflict('not-in-binding');
    else if (!entry.isSm4 || !sameBytes(entry.key, key.key)) conflict('different-key');
    else if (entry.batchId !== binding.batchId) conflict('different-batch');
    else if (entry.poolDigest !== binding.poolDigest) conflict('different-pool-digest');
  }
  return differences.sort((a, b) => a.index - b.index);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The payload of a successful item; a failed one throws its KmipOperationError. */
function succeeded(result: BatchItemResult | undefined): StructureReader | undefined {
  if (result === undefined)
    throw new KmipMalformedResponseError('malformed KMIP response: a batch item has no result');
  if (!result.ok) throw result.error;
  return result.payload;
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
