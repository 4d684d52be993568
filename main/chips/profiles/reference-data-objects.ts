// The reference applet's data objects: the FCI returned by SELECT, the GET DATA objects (DF01-DF05
// and the FF10 chip status template) and the key diversification data of INITIALIZE UPDATE. The
// chip (emulator) encodes them; the station parses them strictly, rejecting any other tag, order,
// length or value with a ChipProtocolError.
import { bytesToHex, concatBytes, hexToBytes } from '../../crypto/bytes';
import { encodeTlv, readTlvs } from '../apdu/ber-tlv';
import { ChipProtocolError } from '../apdu/chip-protocol-error';
import { CHIP_SERIAL_BYTES } from '../secure-channel/static-keys';
import type { ChipIdentity, ChipLifecycle } from './chip-profile';
import {
  APPLET_PROTOCOL_VERSION,
  DIVERSIFICATION_METHOD_V1,
  LifecycleCode,
  MAX_AUTH_RETRIES,
  REFERENCE_AID,
  Tag,
} from './reference-protocol';

const FciTag = { fci: 0x6f, aid: 0x84, proprietary: 0xa5, version: 0x80, maxCommandData: 0x82 } as const;

export interface ReferenceFci {
  readonly protocolVersion: number;
  /** Largest (wrapped) command data field the applet accepts. */
  readonly maxCommandData: number;
}

/** 10 bytes of key diversification data in INITIALIZE UPDATE: serial || method || 00. */
export function referenceDiversificationData(serial: Uint8Array): Uint8Array {
  return concatBytes(serial, Uint8Array.of(DIVERSIFICATION_METHOD_V1, 0x00));
}

function u16(value: number): Uint8Array {
  return Uint8Array.of(value >> 8, value & 0xff);
}

function readU16(bytes: Uint8Array): number {
  return ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
}

/** Reads the data objects of one field in order; each expect() names the tag and length it must be. */
function tlvReader(
  bytes: Uint8Array,
  command: string,
): { expect(tag: number, length?: number): Uint8Array; end(): void } {
  const tlvs = readTlvs(bytes);
  if (tlvs === undefined) throw new ChipProtocolError(command, 'data is not well-formed BER-TLV');
  let next = 0;
  return {
    expect(tag, length) {
      const tlv = tlvs[next];
      next += 1;
      if (tlv?.tag !== tag)
        throw new ChipProtocolError(command, `data object ${next} is not tag ${tag.toString(16)}`);
      if (length !== undefined && tlv.value.length !== length) {
        throw new ChipProtocolError(
          command,
          `tag ${tag.toString(16)} has ${tlv.value.length} bytes, expected ${length}`,
        );
      }
      return tlv.value;
    },
    end() {
      if (tlvs.length !== next)
        throw new ChipProtocolError(command, `${tlvs.length - next} unexpected data objects`);
    },
  };
}

export function encodeFci(maxCommandData: number): Uint8Array {
  const proprietary = concatBytes(
    encodeTlv(FciTag.version, Uint8Array.of(APPLET_PROTOCOL_VERSION)),
    encodeTlv(FciTag.maxCommandData, u16(maxCommandData)),
  );
  return encodeTlv(
    FciTag.fci,
    concatBytes(encodeTlv(FciTag.aid, REFERENCE_AID), encodeTlv(FciTag.proprietary, proprietary)),
  );
}

export function parseFci(data: Uint8Array): ReferenceFci {
  const command = 'SELECT';
  const outer = tlvReader(data, command);
  const fci = tlvReader(outer.expect(FciTag.fci), command);
  outer.end();
  if (bytesToHex(fci.expect(FciTag.aid, REFERENCE_AID.length)) !== bytesToHex(REFERENCE_AID)) {
    throw new ChipProtocolError(command, 'FCI names another application');
  }
  const proprietary = tlvReader(fci.expect(FciTag.proprietary), command);
  fci.end();
  const protocolVersion = proprietary.expect(FciTag.version, 1)[0] ?? 0;
  const maxCommandData = readU16(proprietary.expect(FciTag.maxCommandData, 2));
  proprietary.end();
  if (protocolVersion !== APPLET_PROTOCOL_VERSION) {
    throw new ChipProtocolError(command, `applet protocol version ${protocolVersion} is not supported`);
  }
  if (maxCommandData < 255)
    throw new ChipProtocolError(command, `maximum command data ${maxCommandData} is below 255`);
  return { protocolVersion, maxCommandData };
}

const LIFECYCLES = Object.keys(LifecycleCode) as readonly ChipLifecycle[];

/** The primitive data object GET DATA returns for one of the single-value tags. */
export function encodeChipDataObject(tag: number, identity: ChipIdentity): Uint8Array | undefined {
  switch (tag) {
    case Tag.serial:
      return encodeTlv(tag, hexToBytes(identity.serial));
    case Tag.lifecycle:
      return encodeTlv(tag, Uint8Array.of(LifecycleCode[identity.lifecycle]));
    case Tag.capacity:
      return encodeTlv(tag, u16(identity.capacity));
    case Tag.freeSlots:
      return encodeTlv(tag, u16(identity.freeSlots));
    case Tag.authRetries:
      return encodeTlv(tag, Uint8Array.of(identity.authRetriesLeft));
    case Tag.chipStatus:
      return encodeTlv(
        tag,
        concatBytes(
          ...[Tag.serial, Tag.lifecycle, Tag.capacity, Tag.freeSlots, Tag.authRetries].map(
            (t) => encodeChipDataObject(t, identity) ?? new Uint8Array(0),
          ),
        ),
      );
    default:
      return undefined;
  }
}

export function parseChipStatus(data: Uint8Array): ChipIdentity {
  const command = 'GET DATA chip status';
  const outer = tlvReader(data, command);
  const reader = tlvReader(outer.expect(Tag.chipStatus), command);
  outer.end();
  const serial = bytesToHex(reader.expect(Tag.serial, CHIP_SERIAL_BYTES));
  const code = reader.expect(Tag.lifecycle, 1)[0];
  const capacity = readU16(reader.expect(Tag.capacity, 2));
  const freeSlots = readU16(reader.expect(Tag.freeSlots, 2));
  const authRetriesLeft = reader.expect(Tag.authRetries, 1)[0] ?? 0;
  reader.end();
  const lifecycle = LIFECYCLES.find((name) => LifecycleCode[name] === code);
  if (lifecycle === undefined)
    throw new ChipProtocolError(command, `unknown lifecycle code ${code ?? 'none'}`);
  if (freeSlots > capacity)
    throw new ChipProtocolError(command, `free slots ${freeSlots} exceed capacity ${capacity}`);
  if (authRetriesLeft > MAX_AUTH_RETRIES) {
    throw new ChipProtocolError(command, `auth retries ${authRetriesLeft} exceed ${MAX_AUTH_RETRIES}`);
  }
  return { serial, lifecycle, capacity, freeSlots, authRetriesLeft };
}
