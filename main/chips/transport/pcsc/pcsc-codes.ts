// PC/SC numbers as pcsc-lite defines them (PCSC/pcsclite.h), and the one table that turns a
// pcsclite error (its message ends in "(0x8010xxxx)") into a ChipTransportError code.
import { ChipTransportError, messageOf, type ChipTransportErrorCode } from '../transport-error';

export const SCARD_SHARE_EXCLUSIVE = 0x0001;
export const SCARD_PROTOCOL_T0 = 0x0001;
export const SCARD_PROTOCOL_T1 = 0x0002;

export const SCARD_LEAVE_CARD = 0x0000;
export const SCARD_RESET_CARD = 0x0001;
export const SCARD_UNPOWER_CARD = 0x0002;

export const SCARD_STATE_UNKNOWN = 0x0004;
export const SCARD_STATE_UNAVAILABLE = 0x0008;
export const SCARD_STATE_PRESENT = 0x0020;
export const SCARD_STATE_MUTE = 0x0200;
/** pcscd counts card insertions and removals in the upper 16 bits of the event state. */
export const SCARD_EVENT_COUNT_SHIFT = 16;

export const SCARD_E_CANCELLED = 0x80100002;

/** What the operation was doing: a missing card means NO_CARD at connect, CARD_REMOVED after. */
export type PcscPhase = 'connect' | 'session';

const BY_CODE: Readonly<
  Record<number, ChipTransportErrorCode | ((phase: PcscPhase) => ChipTransportErrorCode)>
> = {
  0x8010001d: 'PCSCD_UNAVAILABLE', // SCARD_E_NO_SERVICE
  0x8010001e: 'PCSCD_UNAVAILABLE', // SCARD_E_SERVICE_STOPPED
  0x80100013: 'PCSCD_UNAVAILABLE', // SCARD_F_COMM_ERROR: libpcsclite lost its socket to pcscd
  0x80100009: 'READER_GONE', // SCARD_E_UNKNOWN_READER
  0x80100017: 'READER_GONE', // SCARD_E_READER_UNAVAILABLE
  0x8010002e: 'READER_GONE', // SCARD_E_NO_READERS_AVAILABLE
  0x8010000c: (phase) => (phase === 'connect' ? 'NO_CARD' : 'CARD_REMOVED'), // SCARD_E_NO_SMARTCARD
  0x80100069: (phase) => (phase === 'connect' ? 'NO_CARD' : 'CARD_REMOVED'), // SCARD_W_REMOVED_CARD
  0x8010000b: 'CARD_BUSY', // SCARD_E_SHARING_VIOLATION
  0x8010000a: 'TIMEOUT', // SCARD_E_TIMEOUT
  0x80100065: 'PROTOCOL', // SCARD_W_UNSUPPORTED_CARD
  0x80100066: 'PROTOCOL', // SCARD_W_UNRESPONSIVE_CARD
  0x80100067: 'PROTOCOL', // SCARD_W_UNPOWERED_CARD
  0x80100068: 'PROTOCOL', // SCARD_W_RESET_CARD
  0x8010000f: 'PROTOCOL', // SCARD_E_PROTO_MISMATCH
  0x80100008: 'PROTOCOL', // SCARD_E_INSUFFICIENT_BUFFER
  0x80100011: 'PROTOCOL', // SCARD_E_INVALID_VALUE
  0x80100004: 'PROTOCOL', // SCARD_E_INVALID_PARAMETER
  0x80100003: 'CLOSED', // SCARD_E_INVALID_HANDLE
};

/** The PC/SC return code in a pcsclite error message, or null. */
export function pcscCodeOf(error: unknown): number | null {
  const match = /\(0x([0-9a-f]{8})\)\s*$/i.exec(messageOf(error));
  const hex = match?.[1];
  return hex === undefined ? null : Number.parseInt(hex, 16);
}

export function toTransportError(error: unknown, phase: PcscPhase, reader?: string): ChipTransportError {
  if (error instanceof ChipTransportError) return error;
  const code = pcscCodeOf(error);
  const entry = code === null ? undefined : BY_CODE[code];
  const mapped = typeof entry === 'function' ? entry(phase) : (entry ?? 'DEVICE_ERROR');
  return new ChipTransportError(mapped, messageOf(error), reader, { cause: error });
}
