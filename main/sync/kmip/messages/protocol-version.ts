// The KMIP protocol version of a message header. The station speaks 1.2: what PyKMIP 0.10 uses by
// default, and enough for Register, Locate, Get, Get Attributes and Discover Versions.
import { Tag } from '../ttlv/tags';
import { integer, structure, type TtlvStructure } from '../ttlv/ttlv-item';
import type { StructureReader } from './structure-reader';

export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

export const KMIP_1_2: ProtocolVersion = { major: 1, minor: 2 };

export function protocolVersionItem(version: ProtocolVersion): TtlvStructure {
  return structure(Tag.ProtocolVersion, [
    integer(Tag.ProtocolVersionMajor, version.major),
    integer(Tag.ProtocolVersionMinor, version.minor),
  ]);
}

export function readProtocolVersion(reader: StructureReader): ProtocolVersion {
  return {
    major: reader.one('ProtocolVersionMajor', 'Integer'),
    minor: reader.one('ProtocolVersionMinor', 'Integer'),
  };
}

export function formatVersion(version: ProtocolVersion): string {
  return `${version.major}.${version.minor}`;
}
