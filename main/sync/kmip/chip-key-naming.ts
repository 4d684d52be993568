// How a chip's keys are named on the KMIP server, with attributes PyKMIP and KMIP 1.x servers
// support (custom x- attributes are refused by PyKMIP): Name `chip:<serial>:key:<index>`, Object
// Group `chip:<serial>` (one Locate finds all of a chip's keys), and two Application Specific
// Information values: which key (`key-filling-station`, `<serial>/<index>`) and where it came
// from (`key-filling-station.origin`, `<poolDigest>/<batchId>`; the digest is hex, so the first
// '/' splits them). Every attribute is a row in PyKMIP's database: two, not more, keep Register
// fast.
import type { ApplicationSpecificInformation } from './messages/attributes';

export const KEY_NAMESPACE = 'key-filling-station';
export const ORIGIN_NAMESPACE = 'key-filling-station.origin';

export function chipKeyName(chipSerial: string, index: number): string {
  return `chip:${chipSerial}:key:${index}`;
}

export function chipObjectGroup(chipSerial: string): string {
  return `chip:${chipSerial}`;
}

export function chipKeyInformation(
  chipSerial: string,
  index: number,
  batchId: string,
  poolDigest: string,
): ApplicationSpecificInformation[] {
  return [
    { namespace: KEY_NAMESPACE, data: `${chipSerial}/${index}` },
    { namespace: ORIGIN_NAMESPACE, data: `${poolDigest}/${batchId}` },
  ];
}

export interface ChipKeyIdentity {
  readonly index: number;
  readonly batchId: string | undefined;
  readonly poolDigest: string | undefined;
}

/** The identity of one of `chipSerial`'s keys, or undefined for an object the station did not name. */
export function readChipKeyIdentity(
  chipSerial: string,
  information: readonly ApplicationSpecificInformation[],
): ChipKeyIdentity | undefined {
  const of = (namespace: string): string[] =>
    information.filter((info) => info.namespace === namespace).map((info) => info.data);
  const [which, ...others] = of(KEY_NAMESPACE);
  const prefix = `${chipSerial}/`;
  if (which === undefined || others.length > 0 || !which.startsWith(prefix)) return undefined;
  const digits = which.slice(prefix.length);
  if (!/^(0|[1-9][0-9]{0,4})$/.test(digits)) return undefined;
  const [origin] = of(ORIGIN_NAMESPACE);
  const slash = origin?.indexOf('/') ?? -1;
  return {
    index: Number(digits),
    poolDigest: origin === undefined || slash < 0 ? undefined : origin.slice(0, slash),
    batchId: origin === undefined || slash < 0 ? undefined : origin.slice(slash + 1),
  };
}
