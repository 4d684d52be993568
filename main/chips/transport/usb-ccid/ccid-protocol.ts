// USB CCID (Chip/Smart Card Interface Devices, rev. 1.1) messages as bytes: the bulk-OUT commands
// the transport sends (IccPowerOn 0x62, IccPowerOff 0x63, GetSlotStatus 0x65, XfrBlock 0x6F), the
// bulk-IN answers (DataBlock 0x80, SlotStatus 0x81) and the interrupt-IN notifications
// (NotifySlotChange 0x50, HardwareError 0x51), plus the class descriptor (0x21) that tells the
// exchange level, extended-APDU support and the largest message. Pure functions, checked lengths.

export const CCID_HEADER = 10;

export const PcToRdr = {
  iccPowerOn: 0x62,
  iccPowerOff: 0x63,
  getSlotStatus: 0x65,
  xfrBlock: 0x6f,
} as const;

export const RdrToPc = {
  dataBlock: 0x80,
  slotStatus: 0x81,
  notifySlotChange: 0x50,
  hardwareError: 0x51,
} as const;

/** bmICCStatus (bStatus bits 0-1). */
export const IccStatus = { active: 0, inactive: 1, absent: 2 } as const;
/** bmCommandStatus (bStatus bits 6-7). */
export const CommandStatus = { ok: 0, failed: 1, timeExtension: 2 } as const;

/** bError values (CCID §6.2.6) the transport tells apart. */
export const CcidError = {
  aborted: 0xff,
  iccMute: 0xfe,
  hardware: 0xfb,
  slotBusy: 0xe0,
} as const;

/** wLevelParameter / bChainParameter for extended APDU exchanges (CCID §6.1.4, §6.2.1). */
export const Chain = {
  whole: 0x00,
  begins: 0x01,
  ends: 0x02,
  continues: 0x03,
  more: 0x10,
} as const;

/** dwFeatures exchange level (CCID §5.1, bits 16-18). */
export const Feature = {
  autoVoltage: 0x0000_0008,
  tpdu: 0x0001_0000,
  shortApdu: 0x0002_0000,
  extendedApdu: 0x0004_0000,
} as const;

export interface CcidCommand {
  readonly type: number;
  readonly slot: number;
  readonly seq: number;
  /** The three message-specific header bytes. */
  readonly param: readonly [number, number, number];
  readonly data?: Uint8Array;
}

export function encodeCommand(command: CcidCommand): Uint8Array {
  const data = command.data ?? new Uint8Array(0);
  const out = new Uint8Array(CCID_HEADER + data.length);
  const view = new DataView(out.buffer);
  out[0] = command.type;
  view.setUint32(1, data.length, true);
  out[5] = command.slot;
  out[6] = command.seq & 0xff;
  out.set(command.param, 7);
  out.set(data, CCID_HEADER);
  return out;
}

export interface CcidResponse {
  readonly type: number;
  readonly slot: number;
  readonly seq: number;
  readonly iccStatus: number;
  readonly commandStatus: number;
  readonly error: number;
  /** bChainParameter (DataBlock) or bClockStatus (SlotStatus). */
  readonly chain: number;
  readonly data: Uint8Array;
}

/** Bytes a bulk-IN message still needs (0 when `bytes` holds it whole), or -1 if not yet known. */
export function missingBytes(bytes: Uint8Array): number {
  if (bytes.length < CCID_HEADER) return -1;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, true);
  return Math.max(0, CCID_HEADER + length - bytes.length);
}

/** Decodes one bulk-IN message; null unless `bytes` is exactly one DataBlock or SlotStatus. */
export function decodeResponse(bytes: Uint8Array): CcidResponse | null {
  if (bytes.length < CCID_HEADER || missingBytes(bytes) !== 0) return null;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, true);
  if (bytes.length !== CCID_HEADER + length) return null;
  const type = bytes[0] ?? 0;
  if (type !== RdrToPc.dataBlock && type !== RdrToPc.slotStatus) return null;
  const status = bytes[7] ?? 0;
  return {
    type,
    slot: bytes[5] ?? 0,
    seq: bytes[6] ?? 0,
    iccStatus: status & 0x03,
    commandStatus: (status >> 6) & 0x03,
    error: bytes[8] ?? 0,
    chain: bytes[9] ?? 0,
    data: bytes.slice(CCID_HEADER),
  };
}

export type SlotNotification =
  | { readonly kind: 'slot-change'; readonly present: boolean; readonly changed: boolean }
  | { readonly kind: 'hardware-error'; readonly code: number };

/** Decodes an interrupt-IN message for slot 0; null for anything else. */
export function decodeNotification(bytes: Uint8Array): SlotNotification | null {
  if (bytes[0] === RdrToPc.notifySlotChange && bytes.length >= 2) {
    const state = bytes[1] ?? 0;
    return { kind: 'slot-change', present: (state & 0x01) !== 0, changed: (state & 0x02) !== 0 };
  }
  if (bytes[0] === RdrToPc.hardwareError && bytes.length >= 4 && bytes[1] === 0) {
    return { kind: 'hardware-error', code: bytes[3] ?? 0 };
  }
  return null;
}

export interface CcidClassDescriptor {
  readonly maxSlotIndex: number;
  readonly features: number;
  readonly maxMessageLength: number;
}

const DESCRIPTOR_CONFIGURATION = 0x02;
const DESCRIPTOR_INTERFACE = 0x04;
const DESCRIPTOR_CCID = 0x21;
const CCID_DESCRIPTOR_LENGTH = 0x36;

/**
 * Finds the CCID class descriptor of interface `interfaceNumber` in a raw configuration descriptor
 * (some readers put it after the endpoints, so the whole interface is searched); null if absent.
 */
export function findCcidDescriptor(
  configuration: Uint8Array,
  interfaceNumber: number,
): CcidClassDescriptor | null {
  if (configuration[1] !== DESCRIPTOR_CONFIGURATION) return null;
  const view = new DataView(configuration.buffer, configuration.byteOffset, configuration.byteLength);
  let inInterface = false;
  for (let at = 0; at + 2 <= configuration.length;) {
    const length = configuration[at] ?? 0;
    const type = configuration[at + 1] ?? 0;
    if (length < 2 || at + length > configuration.length) return null;
    if (type === DESCRIPTOR_INTERFACE) inInterface = configuration[at + 2] === interfaceNumber;
    if (inInterface && type === DESCRIPTOR_CCID && length >= CCID_DESCRIPTOR_LENGTH) {
      return {
        maxSlotIndex: configuration[at + 4] ?? 0,
        features: view.getUint32(at + 40, true),
        maxMessageLength: view.getUint32(at + 44, true),
      };
    }
    at += length;
  }
  return null;
}
