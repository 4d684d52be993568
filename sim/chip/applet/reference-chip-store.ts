// The persistent memory of the emulated reference chip (what a real chip keeps in EEPROM/flash):
// serial, static keys, lifecycle, key slots and the authentication retry counter. With a state
// file it survives process restarts as JSON, written whole to a temporary file and renamed so a
// crash never leaves half a chip. Test use only: the file holds the static keys and every slot in
// clear.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { bytesToHex, hexToBytes } from '../../../main/crypto/bytes';
import type { ChipLifecycle } from '../../../main/chips/profiles/chip-profile';
import type { StaticKeys } from '../../../main/chips/secure-channel/static-keys';

export interface ChipRecord {
  readonly serial: Uint8Array;
  readonly keyVersion: number;
  readonly staticKeys: StaticKeys;
  readonly capacity: number;
  readonly maxAuthRetries: number;
  authRetriesLeft: number;
  lifecycle: ChipLifecycle;
  readonly slots: Map<number, Uint8Array>;
}

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const key = hex(16);

const stateFileSchema = z.object({
  format: z.literal('qkfs-reference-chip/1'),
  serial: hex(8),
  keyVersion: z.number().int().min(0).max(0xff),
  staticKeys: z.object({ enc: key, mac: key, dek: key }),
  capacity: z.number().int().min(1).max(0xffff),
  maxAuthRetries: z.number().int().min(1).max(15),
  authRetriesLeft: z.number().int().min(0).max(15),
  lifecycle: z.enum(['blank', 'filled', 'locked']),
  slots: z.record(z.string().regex(/^\d+$/), key),
});

function fromFile(path: string): ChipRecord {
  const parsed = stateFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(`reference chip state file ${path} is not valid: ${parsed.error.message}`);
  const s = parsed.data;
  const slots = new Map(
    Object.entries(s.slots).map(([index, value]) => [Number(index), hexToBytes(value)] as const),
  );
  if ([...slots.keys()].some((index) => index >= s.capacity)) {
    throw new Error(`reference chip state file ${path} has a slot beyond its capacity`);
  }
  return {
    serial: hexToBytes(s.serial),
    keyVersion: s.keyVersion,
    staticKeys: {
      enc: hexToBytes(s.staticKeys.enc),
      mac: hexToBytes(s.staticKeys.mac),
      dek: hexToBytes(s.staticKeys.dek),
    },
    capacity: s.capacity,
    maxAuthRetries: s.maxAuthRetries,
    authRetriesLeft: Math.min(s.authRetriesLeft, s.maxAuthRetries),
    lifecycle: s.lifecycle,
    slots,
  };
}

function toFile(record: ChipRecord): string {
  const slots = Object.fromEntries(
    [...record.slots.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, value]) => [String(index), bytesToHex(value)]),
  );
  const { enc, mac, dek } = record.staticKeys;
  return `${JSON.stringify(
    {
      format: 'qkfs-reference-chip/1',
      serial: bytesToHex(record.serial),
      keyVersion: record.keyVersion,
      staticKeys: { enc: bytesToHex(enc), mac: bytesToHex(mac), dek: bytesToHex(dek) },
      capacity: record.capacity,
      maxAuthRetries: record.maxAuthRetries,
      authRetriesLeft: record.authRetriesLeft,
      lifecycle: record.lifecycle,
      slots,
    },
    null,
    2,
  )}\n`;
}

/** The chip's persistent record; every change is written through to the state file when there is one. */
export class ReferenceChipStore {
  private constructor(
    readonly record: ChipRecord,
    private readonly stateFile: string | undefined,
  ) {}

  /** Loads the state file when it exists (it must be the same chip), else starts from `fresh`. */
  static open(fresh: ChipRecord, stateFile: string | undefined): ReferenceChipStore {
    if (stateFile !== undefined && existsSync(stateFile)) {
      const loaded = fromFile(stateFile);
      if (bytesToHex(loaded.serial) !== bytesToHex(fresh.serial)) {
        throw new Error(
          `reference chip state file ${stateFile} belongs to chip ${bytesToHex(loaded.serial)}`,
        );
      }
      return new ReferenceChipStore(loaded, stateFile);
    }
    const store = new ReferenceChipStore(fresh, stateFile);
    store.save();
    return store;
  }

  /** Writes consecutive slots from `start` all at once (one chip transaction) and marks the chip FILLED. */
  writeSlots(start: number, keys: readonly Uint8Array[]): void {
    keys.forEach((value, i) => this.record.slots.set(start + i, value));
    this.record.lifecycle = 'filled';
    this.save();
  }

  setLifecycle(lifecycle: ChipLifecycle): void {
    this.record.lifecycle = lifecycle;
    this.save();
  }

  setAuthRetriesLeft(value: number): void {
    this.record.authRetriesLeft = value;
    this.save();
  }

  private save(): void {
    if (this.stateFile === undefined) return;
    const staging = `${this.stateFile}.tmp`;
    writeFileSync(staging, toFile(this.record), { mode: 0o600 });
    renameSync(staging, this.stateFile);
  }
}
