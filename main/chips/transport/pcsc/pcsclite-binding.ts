// The narrow view of the `pcsclite` 1.0.1 module that the reader service uses, and its loader.
// The module is loaded on first use, so a machine without libpcsclite does not fail at import.
// Its callbacks run inside native handlers that hold the reader's mutex: PcscReaderService
// re-enters every one of them through setImmediate before acting (see pcsc-reader-service.ts).
import { ChipTransportError, messageOf } from '../transport-error';

export interface PcscLiteStatus {
  readonly state: number;
  readonly atr?: Buffer;
}

/** A `CardReader` of the pcsclite module: one card handle per reader object. */
export interface PcscLiteReader {
  readonly name: string;
  readonly connected: boolean;
  on(event: 'status', listener: (status: PcscLiteStatus) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  connect(
    options: { share_mode: number; protocol: number },
    callback: (error: unknown, protocol: number) => void,
  ): void;
  disconnect(disposition: number, callback: (error: unknown) => void): void;
  transmit(
    data: Buffer,
    responseLength: number,
    protocol: number,
    callback: (error: unknown, response: Buffer) => void,
  ): void;
  close(): void;
}

/** The `PCSCLite` context the module's default export returns. */
export interface PcscLiteContext {
  on(event: 'reader', listener: (reader: PcscLiteReader) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): void;
}

/** Creates a context; throws (synchronously, as the module does) when pcscd is not reachable. */
export type PcscLiteFactory = () => PcscLiteContext;

function isFactory(value: unknown): value is PcscLiteFactory {
  return typeof value === 'function';
}

/** The module's factory; rejects with PCSCD_UNAVAILABLE when libpcsclite cannot be loaded. */
export async function loadPcscLite(): Promise<PcscLiteFactory> {
  let loaded: unknown;
  try {
    loaded = (await import('pcsclite')).default;
  } catch (error) {
    throw new ChipTransportError(
      'PCSCD_UNAVAILABLE',
      `cannot load pcsclite: ${messageOf(error)}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  if (!isFactory(loaded)) throw new ChipTransportError('PCSCD_UNAVAILABLE', 'pcsclite exports no factory');
  return loaded;
}
