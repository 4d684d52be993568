// One exclusive PC/SC connection to the card in a reader, over a pcsclite CardReader (which holds
// one card handle). APDUs go one at a time; errors become ChipTransportErrors. A communication
// error or a malformed answer during a transmit (vpcd returns an empty answer with success when
// the card's socket closes mid-command) is held until the reader reports whether the card left
// (pcscd polls vpcd every 0.4 s): then it is CARD_REMOVED, else DEVICE_ERROR or PROTOCOL. The pcsclite
// binding has no SCardReconnect, so a warm reset is a disconnect with SCARD_RESET_CARD followed by
// a new exclusive connect.
import { commandShape, SHORT_COMMAND_MAX } from '../apdu-shape';
import { SerialQueue, withTimeout } from '../serial-queue';
import { ChipTransportError } from '../transport-error';
import type { CardConnection } from '../transport';
import {
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_RESET_CARD,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_UNPOWER_CARD,
  toTransportError,
  type PcscPhase,
} from './pcsc-codes';
import type { PcscLiteReader } from './pcsclite-binding';

export type DisconnectDisposition = 'leave' | 'reset' | 'unpower';

/** What a connection needs from the service about its reader. */
export interface PcscSlotView {
  readonly name: string;
  readonly native: PcscLiteReader;
  /** ATR of the card now in the reader, or null when it is empty. */
  currentAtr(): Uint8Array | null;
  /** True when the reader reports the card removed within `ms`. */
  waitForRemoval(ms: number): Promise<boolean>;
  /** True while `connection` is the one this reader's card handle belongs to. */
  holds(connection: PcscCardConnection): boolean;
  /** The connection has ended; the reader may be connected again. */
  release(connection: PcscCardConnection): void;
}

export interface PcscConnectionOptions {
  readonly extendedLength: boolean;
  readonly transmitTimeoutMs: number;
  readonly removalGraceMs: number;
  readonly disposition: DisconnectDisposition;
}

const DISPOSITION = {
  leave: SCARD_LEAVE_CARD,
  reset: SCARD_RESET_CARD,
  unpower: SCARD_UNPOWER_CARD,
} as const;
const SHORT_RESPONSE_MAX = 256 + 2;
const EXTENDED_RESPONSE_MAX = 65536 + 2;

type Ended = { readonly code: ChipTransportError['code']; readonly message: string };

/** How much went away: pcscd outranks the reader, which outranks the card. */
const LOSS_SCOPE: Readonly<Record<ChipTransportError['code'], number>> = {
  CARD_REMOVED: 1,
  READER_GONE: 2,
  PCSCD_UNAVAILABLE: 3,
  USB_UNAVAILABLE: 0,
  NO_READER: 0,
  NO_CARD: 0,
  CARD_BUSY: 0,
  TIMEOUT: 0,
  PROTOCOL: 0,
  DEVICE_ERROR: 0,
  CLOSED: 0,
};

function nativeCall<T>(
  slot: PcscSlotView,
  phase: PcscPhase,
  call: (done: (error: unknown, value: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    call((error, value) => {
      if (error) reject(toTransportError(error, phase, slot.name));
      else resolve(value);
    });
  });
}

/** Opens an exclusive T=0|T=1 connection on `slot`; resolves with the protocol pcscd chose. */
export async function connectNative(slot: PcscSlotView, timeoutMs: number): Promise<'T=0' | 'T=1'> {
  const protocol = await withTimeout(
    nativeCall<number>(slot, 'connect', (done) => {
      slot.native.connect(
        { share_mode: SCARD_SHARE_EXCLUSIVE, protocol: SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1 },
        done,
      );
    }),
    timeoutMs,
    'connect',
    slot.name,
  );
  if (protocol === SCARD_PROTOCOL_T0) return 'T=0';
  if (protocol === SCARD_PROTOCOL_T1) return 'T=1';
  throw new ChipTransportError('PROTOCOL', `pcscd chose protocol ${String(protocol)}`, slot.name);
}

export function disconnectNative(slot: PcscSlotView, disposition: number): Promise<void> {
  return nativeCall<undefined>(slot, 'session', (done) => {
    slot.native.disconnect(disposition, (error) => {
      done(error, undefined);
    });
  });
}

export class PcscCardConnection implements CardConnection {
  readonly #queue = new SerialQueue();
  #ended: Ended | null = null;
  #atr: Uint8Array;

  constructor(
    private readonly slot: PcscSlotView,
    readonly protocol: 'T=0' | 'T=1',
    atr: Uint8Array,
    private readonly options: PcscConnectionOptions,
  ) {
    this.#atr = atr;
  }

  get reader(): string {
    return this.slot.name;
  }

  get atr(): Uint8Array {
    return this.#atr;
  }

  get extendedLength(): boolean {
    return this.options.extendedLength;
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.#queue.run(async () => {
      this.#assertOpen();
      this.#checkCommand(command);
      const protocol = this.protocol === 'T=0' ? SCARD_PROTOCOL_T0 : SCARD_PROTOCOL_T1;
      const size = this.extendedLength ? EXTENDED_RESPONSE_MAX : SHORT_RESPONSE_MAX;
      let response: Buffer;
      try {
        response = await withTimeout(
          nativeCall<Buffer>(this.slot, 'session', (done) => {
            this.slot.native.transmit(Buffer.from(command), size, protocol, done);
          }),
          this.options.transmitTimeoutMs,
          'transmit',
          this.reader,
        );
      } catch (error) {
        throw await this.#failed(error);
      }
      if (!Buffer.isBuffer(response) || response.length < 2) {
        // vpcd answers an empty response, with success, when the card's socket closed mid-command.
        throw await this.#failed(
          new ChipTransportError('PROTOCOL', 'response without status word', this.reader),
        );
      }
      return new Uint8Array(response);
    });
  }

  reset(): Promise<Uint8Array> {
    return this.#queue.run(async () => {
      this.#assertOpen();
      try {
        await disconnectNative(this.slot, SCARD_RESET_CARD);
        await connectNative(this.slot, this.options.transmitTimeoutMs);
      } catch (error) {
        throw await this.#failed(error);
      }
      this.#atr = this.slot.currentAtr() ?? this.#atr;
      return this.#atr;
    });
  }

  disconnect(): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#ended?.code === 'CLOSED') return;
      this.#end('CLOSED', 'connection closed');
      if (!this.slot.holds(this)) return;
      try {
        await disconnectNative(this.slot, DISPOSITION[this.options.disposition]);
      } catch {
        // The card or reader is already gone: pcscd drops the handle with the card.
      } finally {
        this.slot.release(this);
      }
    });
  }

  /** The service saw the card leave (or the reader, or pcscd): later calls fail with `code`. */
  end(code: ChipTransportError['code'], message: string): void {
    this.#end(code, message);
  }

  /** The first reason stays, except that an explicit close and a wider loss replace it. */
  #end(code: ChipTransportError['code'], message: string): void {
    const current = this.#ended;
    if (
      current &&
      code !== 'CLOSED' &&
      !(LOSS_SCOPE[code] > LOSS_SCOPE[current.code] && LOSS_SCOPE[current.code] > 0)
    ) {
      return;
    }
    this.#ended = { code, message };
  }

  #assertOpen(): void {
    if (this.#ended) throw new ChipTransportError(this.#ended.code, this.#ended.message, this.reader);
  }

  #checkCommand(command: Uint8Array): void {
    const shape = commandShape(command);
    if ((shape.extended || command.length > SHORT_COMMAND_MAX) && !this.extendedLength) {
      throw new ChipTransportError(
        'PROTOCOL',
        `extended-length APDU (${command.length} bytes) on a connection without extended length`,
        this.reader,
      );
    }
  }

  /** Classifies a failed exchange, waiting for the reader's word on the card when it is unclear. */
  async #failed(error: unknown): Promise<ChipTransportError> {
    const mapped = toTransportError(error, 'session', this.reader);
    if (mapped.code === 'DEVICE_ERROR' || mapped.code === 'PROTOCOL') {
      if (await this.slot.waitForRemoval(this.options.removalGraceMs)) {
        this.#end('CARD_REMOVED', 'card removed');
        return new ChipTransportError('CARD_REMOVED', `card removed (${mapped.message})`, this.reader, {
          cause: error,
        });
      }
    }
    if (mapped.code === 'TIMEOUT') this.#end('TIMEOUT', 'an earlier exchange timed out');
    if (
      mapped.code === 'CARD_REMOVED' ||
      mapped.code === 'READER_GONE' ||
      mapped.code === 'PCSCD_UNAVAILABLE'
    ) {
      this.#end(mapped.code, mapped.message);
    }
    return mapped;
  }
}
