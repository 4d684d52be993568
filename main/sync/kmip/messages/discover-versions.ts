// Discover Versions (KMIP 1.2 §4.26): the protocol versions the server supports, optionally among
// the ones the client offers. The station uses it as its health check: the server answers, and
// answers that it speaks the station's version.
import type { KmipRequestItem } from './request-message';
import { protocolVersionItem, readProtocolVersion, type ProtocolVersion } from './protocol-version';
import type { StructureReader } from './structure-reader';

export function discoverVersionsRequest(offered: readonly ProtocolVersion[]): KmipRequestItem {
  return {
    operation: 'DiscoverVersions',
    payload: offered.map(protocolVersionItem),
    subject: 'of the server',
  };
}

export function readDiscoverVersionsResponse(payload: StructureReader | undefined): ProtocolVersion[] {
  return payload === undefined ? [] : payload.structures('ProtocolVersion').map(readProtocolVersion);
}
