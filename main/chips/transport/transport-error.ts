// The one error type every chip transport rejects with: a stable code the fill engine branches on
// (retry, ask the operator to re-insert, fail the chip) and a message for the log.

export type ChipTransportErrorCode =
  /** pcscd is not running (or libpcsclite is missing): no PC/SC at all. */
  | 'PCSCD_UNAVAILABLE'
  /** The machine has no usable USB stack (no /sys/bus/usb, no permission). */
  | 'USB_UNAVAILABLE'
  /** No reader of that name is known. */
  | 'NO_READER'
  /** The reader went away (unplugged, or its service stopped). */
  | 'READER_GONE'
  /** The reader is empty. */
  | 'NO_CARD'
  /** The card was pulled during the session. */
  | 'CARD_REMOVED'
  /** Another connection (here or in another process) holds the card. */
  | 'CARD_BUSY'
  /** The card or reader did not answer in time. */
  | 'TIMEOUT'
  /** Malformed or unexpected bytes from the card or reader, or an APDU the reader cannot carry. */
  | 'PROTOCOL'
  /** The reader itself failed (USB stall, communication error). */
  | 'DEVICE_ERROR'
  /** The connection or service was already closed. */
  | 'CLOSED';

export class ChipTransportError extends Error {
  override readonly name = 'ChipTransportError';

  constructor(
    readonly code: ChipTransportErrorCode,
    message: string,
    readonly reader?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isChipTransportError(
  error: unknown,
  code?: ChipTransportErrorCode,
): error is ChipTransportError {
  return error instanceof ChipTransportError && (code === undefined || error.code === code);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
