// Emulator of the reference security chip's applet (docs/chip-protocol.md): SELECT, GET DATA,
// SCP03-SM4 INITIALIZE UPDATE / EXTERNAL AUTHENTICATE with a persistent retry counter, PUT KEYS,
// CHECK POOL, PROVE KEY and LOCK, over persistent state (optionally a JSON state file) and with
// the fault switches of reference-chip-faults.ts. It is a CardBehaviour, so any attachment (vpcd,
// USB CCID, in-process) can carry it. ATR: REFERENCE_CHIP_ATR (3B 88 80 01 "QKFS-REF" 7A).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { bytesToHex, hexToBytes } from '../../../main/crypto/bytes';
import type { CryptoProvider } from '../../../main/crypto/provider';
import { decodeCommandApdu, type DecodedCommandApdu } from '../../../main/chips/apdu/command-apdu';
import { encodeResponseApdu, SW_SUCCESS } from '../../../main/chips/apdu/response-apdu';
import type { ChipIdentity, ChipLifecycle } from '../../../main/chips/profiles/chip-profile';
import { keyProof, poolCheckMac, poolSecret } from '../../../main/chips/profiles/pool-proofs';
import {
  encodeChipDataObject,
  encodeFci,
  referenceDiversificationData,
} from '../../../main/chips/profiles/reference-data-objects';
import {
  CLA_ISO,
  CLA_PROPRIETARY,
  Ins,
  MAX_AUTH_RETRIES,
  REFERENCE_AID,
  REFERENCE_CHIP_ATR,
  REFERENCE_KEY_VERSION,
  REFERENCE_SCP_PARAMETER,
  VERIFY_CHALLENGE_BYTES,
} from '../../../main/chips/profiles/reference-protocol';
import {
  CLA_SECURE_MESSAGING,
  FULL_SECURITY_LEVEL,
  sameBytes,
} from '../../../main/chips/secure-channel/secure-messaging';
import {
  CHIP_SERIAL_BYTES,
  copyStaticKeys,
  diversifyStaticKeys,
  type StaticKeys,
} from '../../../main/chips/secure-channel/static-keys';
import type { CardBehaviour } from '../card-behaviour';
import { CardRemovedSignal } from '../card-removed-signal';
import { CardSecureChannel, type ChannelState, type PlainCommand } from './card-secure-channel';
import { NO_FAULTS, type ReferenceChipFaults, type ReferenceCommand } from './reference-chip-faults';
import { ReferenceChipStore } from './reference-chip-store';

export interface ReferenceChipOptions {
  readonly provider: CryptoProvider;
  /** 8-byte serial as 16 lowercase hex digits. */
  readonly serial: string;
  /** How the issuer personalised the chip: from the KMC (diversified here) or with given static keys. */
  readonly personalisation: { readonly kmc: Uint8Array } | { readonly staticKeys: StaticKeys };
  /** Key slots (default 2048). */
  readonly capacity?: number;
  /** Largest command data field the applet accepts, advertised in its FCI (default 65535). */
  readonly maxCommandData?: number;
  /** JSON file the chip's persistent memory lives in across restarts (test data: keys in clear). */
  readonly stateFile?: string;
  readonly faults?: Partial<ReferenceChipFaults>;
  /** Card challenge source (default node:crypto randomBytes). */
  readonly random?: (length: number) => Uint8Array;
}

export interface ReferenceChipState {
  readonly serial: string;
  readonly lifecycle: ChipLifecycle;
  readonly capacity: number;
  readonly filledSlots: number;
  readonly authRetriesLeft: number;
  readonly selected: boolean;
  readonly secureChannel: ChannelState;
}

export interface ReferenceChip extends CardBehaviour {
  state(): ReferenceChipState;
  faults(): ReferenceChipFaults;
  setFaults(changes: Partial<ReferenceChipFaults>): void;
  /** A copy of the key in a slot, as stored (tests compare it with what the station sent). */
  storedKey(index: number): Uint8Array | undefined;
}

const DEFAULT_CAPACITY = 2048;

const INS_NAMES: ReadonlyMap<number, ReferenceCommand> = new Map([
  [Ins.select, 'select'],
  [Ins.getData, 'getData'],
  [Ins.initializeUpdate, 'initializeUpdate'],
  [Ins.externalAuthenticate, 'externalAuthenticate'],
  [Ins.putKeys, 'putKeys'],
  [Ins.checkPool, 'checkPool'],
  [Ins.proveKey, 'proveKey'],
  [Ins.lock, 'lock'],
]);

interface Answer {
  readonly data: Uint8Array;
  readonly sw: number;
}

const status = (sw: number): Answer => ({ data: new Uint8Array(0), sw });
const ok = (data: Uint8Array = new Uint8Array(0)): Answer => ({ data, sw: SW_SUCCESS });

class ReferenceChipEmulator implements ReferenceChip {
  private readonly channel: CardSecureChannel;
  private currentFaults: ReferenceChipFaults;
  private removalCount = 0;
  private selected = false;

  constructor(
    private readonly provider: CryptoProvider,
    private readonly store: ReferenceChipStore,
    private readonly maxCommandData: number,
    faults: ReferenceChipFaults,
    random: (length: number) => Uint8Array,
  ) {
    this.currentFaults = faults;
    this.channel = new CardSecureChannel(provider, random);
  }

  atr(): Uint8Array {
    return REFERENCE_CHIP_ATR.slice();
  }

  reset(): void {
    this.selected = false;
    this.channel.reset();
  }

  powerOff(): void {
    this.reset();
  }

  state(): ReferenceChipState {
    const { serial, lifecycle, capacity, authRetriesLeft } = this.identity();
    const filledSlots = this.store.record.slots.size;
    return {
      serial,
      lifecycle,
      capacity,
      filledSlots,
      authRetriesLeft,
      selected: this.selected,
      secureChannel: this.channel.state,
    };
  }

  faults(): ReferenceChipFaults {
    return this.currentFaults;
  }

  setFaults(changes: Partial<ReferenceChipFaults>): void {
    if ('removeDuringCommand' in changes) this.removalCount = 0;
    this.currentFaults = { ...this.currentFaults, ...changes };
  }

  storedKey(index: number): Uint8Array | undefined {
    return this.store.record.slots.get(index)?.slice();
  }

  async process(command: Uint8Array): Promise<Uint8Array> {
    const { slowMs, removeDuringCommand: removal } = this.currentFaults;
    if (slowMs > 0) await sleep(slowMs);
    const decoded = decodeCommandApdu(command);
    if (decoded === undefined || decoded.data.length > this.maxCommandData) {
      return encodeResponseApdu(new Uint8Array(0), 0x6700);
    }
    const name = INS_NAMES.get(decoded.ins);
    if (removal !== undefined && name === removal.command) {
      this.removalCount += 1;
      if (this.removalCount === removal.occurrence) {
        this.setFaults({ removeDuringCommand: undefined });
        if (removal.afterCommit === true) this.handle(decoded);
        this.powerOff();
        throw new CardRemovedSignal(name);
      }
    }
    return this.handle(decoded);
  }

  private handle(command: DecodedCommandApdu): Uint8Array {
    const { cla, ins } = command;
    const answer = (a: Answer): Uint8Array => encodeResponseApdu(a.data, a.sw);
    if (cla === CLA_ISO && ins === Ins.select) return answer(this.select(command));
    if (!this.selected) return answer(status(0x6986));
    if (cla === CLA_PROPRIETARY) {
      if (ins === Ins.getData) return answer(this.getData(command));
      if (ins === Ins.initializeUpdate) return answer(this.initializeUpdate(command));
      return answer(status(INS_NAMES.has(ins) ? 0x6982 : 0x6d00));
    }
    if (cla === (CLA_PROPRIETARY | CLA_SECURE_MESSAGING)) {
      if (ins === Ins.externalAuthenticate) return answer(this.externalAuthenticate(command));
      if (this.channel.state !== 'open') return answer(status(0x6982));
      const plain = this.channel.unwrap(command);
      if (plain === undefined) return answer(status(0x6982));
      const result = this.secured(plain);
      return this.channel.wrap(result.data, result.sw, this.currentFaults.wrongMac);
    }
    return answer(status(cla === CLA_ISO ? 0x6d00 : 0x6e00));
  }

  private identity(): ChipIdentity {
    const { serial, capacity, authRetriesLeft, lifecycle, slots } = this.store.record;
    return {
      serial: bytesToHex(serial),
      lifecycle: this.currentFaults.alreadyLocked ? 'locked' : lifecycle,
      capacity,
      freeSlots: capacity - slots.size,
      authRetriesLeft,
    };
  }

  private select(command: DecodedCommandApdu): Answer {
    if (command.p1 !== 0x04 || command.p2 !== 0x00) return status(0x6a86);
    if (!sameBytes(command.data, REFERENCE_AID)) return status(0x6a82);
    this.selected = true;
    this.channel.reset();
    return ok(encodeFci(this.maxCommandData));
  }

  private getData(command: Pick<PlainCommand, 'p1' | 'p2' | 'data'>): Answer {
    if (command.data.length !== 0) return status(0x6700);
    const object = encodeChipDataObject((command.p1 << 8) | command.p2, this.identity());
    return object === undefined ? status(0x6a88) : ok(object);
  }

  private initializeUpdate(command: DecodedCommandApdu): Answer {
    const { record } = this.store;
    if (command.p1 !== 0 && command.p1 !== record.keyVersion) return status(0x6a88);
    if (command.p2 !== 0) return status(0x6a86);
    if (command.data.length !== 8) return status(0x6700);
    this.channel.reset();
    if (record.authRetriesLeft === 0) return status(0x6983);
    return ok(
      this.channel.initializeUpdate(
        record.staticKeys,
        command.data,
        referenceDiversificationData(record.serial),
        {
          keyVersion: record.keyVersion,
          scpParameter: REFERENCE_SCP_PARAMETER,
        },
      ),
    );
  }

  /** Decrements the retry counter before checking (a torn check still costs a try), restores it on success. */
  private externalAuthenticate(command: DecodedCommandApdu): Answer {
    const { record } = this.store;
    if (this.channel.state !== 'initialized') return status(0x6982);
    if (command.p1 !== FULL_SECURITY_LEVEL || command.p2 !== 0) {
      this.channel.reset();
      return status(0x6a86);
    }
    if (record.authRetriesLeft === 0) {
      this.channel.reset();
      return status(0x6983);
    }
    const left = record.authRetriesLeft - 1;
    this.store.setAuthRetriesLeft(left);
    if (this.channel.externalAuthenticate(command)) {
      this.store.setAuthRetriesLeft(record.maxAuthRetries);
      return ok();
    }
    return status(0x63c0 | left);
  }

  private secured(command: PlainCommand): Answer {
    switch (command.ins) {
      case Ins.getData:
        return this.getData(command);
      case Ins.putKeys:
        return this.putKeys(command);
      case Ins.checkPool:
        return this.checkPool(command);
      case Ins.proveKey:
        return this.proveKey(command);
      case Ins.lock:
        return this.lock(command);
      default:
        return status(0x6d00);
    }
  }

  private putKeys(command: PlainCommand): Answer {
    const { record } = this.store;
    if (this.identity().lifecycle === 'locked') return status(0x6985);
    if (command.data.length === 0 || command.data.length % 16 !== 0) return status(0x6700);
    const start = (command.p1 << 8) | command.p2;
    if (start >= record.capacity) return status(0x6a86);
    const count = command.data.length / 16;
    const usable = Math.min(record.capacity, this.currentFaults.memoryFull ?? record.capacity);
    if (start + count > usable) return status(0x6a84);
    const plain = this.provider.sm4DecryptEcb(record.staticKeys.dek, command.data);
    const keys = Array.from({ length: count }, (_, i) => plain.slice(i * 16, i * 16 + 16));
    plain.fill(0);
    this.store.writeSlots(start, keys);
    return ok();
  }

  /** The slot as the chip reads it back; lieAboutKey makes one slot read back wrong. */
  private readSlot(index: number): Uint8Array | undefined {
    const key = this.store.record.slots.get(index);
    if (key === undefined || index !== this.currentFaults.lieAboutKey) return key;
    const wrong = key.slice();
    wrong[0] = (wrong[0] ?? 0) ^ 0x01;
    return wrong;
  }

  private checkPool(command: PlainCommand): Answer {
    if (command.p1 !== 0 || command.p2 !== 0) return status(0x6a86);
    if (command.data.length !== VERIFY_CHALLENGE_BYTES) return status(0x6700);
    if (this.identity().lifecycle === 'blank') return status(0x6985);
    const slots = [...this.store.record.slots.keys()].map((index) => ({
      index,
      key: this.readSlot(index) ?? new Uint8Array(16),
    }));
    const secret = poolSecret(this.provider, slots);
    const mac = poolCheckMac(this.provider, secret, command.data);
    secret.fill(0);
    const data = new Uint8Array(2 + mac.length);
    data.set([slots.length >> 8, slots.length & 0xff]);
    data.set(mac, 2);
    return ok(data);
  }

  private proveKey(command: PlainCommand): Answer {
    if (command.data.length !== VERIFY_CHALLENGE_BYTES) return status(0x6700);
    const index = (command.p1 << 8) | command.p2;
    if (index >= this.store.record.capacity) return status(0x6a86);
    const key = this.readSlot(index);
    return key === undefined ? status(0x6a88) : ok(keyProof(this.provider, key, index, command.data));
  }

  private lock(command: PlainCommand): Answer {
    if (command.p1 !== 0 || command.p2 !== 0) return status(0x6a86);
    if (command.data.length !== 0) return status(0x6700);
    if (this.identity().lifecycle !== 'filled') return status(0x6985);
    this.store.setLifecycle('locked');
    return ok();
  }
}

export function createReferenceChip(options: ReferenceChipOptions): ReferenceChip {
  const { provider, personalisation } = options;
  const serial = hexToBytes(options.serial);
  if (serial.length !== CHIP_SERIAL_BYTES)
    throw new RangeError(`chip serial must be ${CHIP_SERIAL_BYTES} bytes`);
  const capacity = options.capacity ?? DEFAULT_CAPACITY;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 0xffff)
    throw new RangeError('capacity must be 1..65535');
  const maxCommandData = options.maxCommandData ?? 0xffff;
  if (!Number.isInteger(maxCommandData) || maxCommandData < 0xff || maxCommandData > 0xffff) {
    throw new RangeError('maxCommandData must be 255..65535');
  }
  const staticKeys =
    'kmc' in personalisation
      ? diversifyStaticKeys(provider, personalisation.kmc, serial)
      : copyStaticKeys(personalisation.staticKeys);
  const store = ReferenceChipStore.open(
    {
      serial,
      keyVersion: REFERENCE_KEY_VERSION,
      staticKeys,
      capacity,
      maxAuthRetries: MAX_AUTH_RETRIES,
      authRetriesLeft: MAX_AUTH_RETRIES,
      lifecycle: 'blank',
      slots: new Map(),
    },
    options.stateFile,
  );
  const random = options.random ?? ((length: number) => new Uint8Array(randomBytes(length)));
  return new ReferenceChipEmulator(
    provider,
    store,
    maxCommandData,
    { ...NO_FAULTS, ...options.faults },
    random,
  );
}
