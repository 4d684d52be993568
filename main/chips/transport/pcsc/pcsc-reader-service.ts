// ReaderService over pcscd, through the `pcsclite` module wrapped here once. Two traps of that
// module are designed out (FACTS.md): its context emits 'error' when closed and every reader emits
// 'error' when pcscd goes, which end Node without a listener, so listeners are attached before
// anything else and stay; and its native status handler holds the reader's mutex while it calls
// JavaScript, so calling reader.close() from a 'status' listener deadlocks: every callback of the
// module is re-entered through setImmediate before this service acts on it (also keeping event
// order: reader-added before that reader's card-inserted). When pcscd goes away the service
// reports every reader removed, answers PCSCD_UNAVAILABLE, and keeps trying to reach pcscd again.
import { parseAtr } from '../atr';
import { withTimeout } from '../serial-queue';
import { ChipTransportError, messageOf } from '../transport-error';
import type { CardConnection, CardPresence, ReaderEvent, ReaderService } from '../transport';
import {
  connectNative,
  disconnectNative,
  PcscCardConnection,
  type DisconnectDisposition,
} from './pcsc-card-connection';
import {
  SCARD_EVENT_COUNT_SHIFT,
  SCARD_LEAVE_CARD,
  SCARD_STATE_MUTE,
  SCARD_STATE_PRESENT,
  SCARD_STATE_UNAVAILABLE,
  SCARD_STATE_UNKNOWN,
  toTransportError,
} from './pcsc-codes';
import { ReaderSlot } from './pcsc-reader-slot';
import {
  loadPcscLite,
  type PcscLiteContext,
  type PcscLiteFactory,
  type PcscLiteReader,
  type PcscLiteStatus,
} from './pcsclite-binding';

export interface PcscReaderServiceOptions {
  /** Extended-length APDUs: as the card's ATR says (default), or fixed for every reader. */
  readonly extendedLength?: 'atr' | 'always' | 'never';
  /** How long start() waits for the first reader list and card states (default 750 ms). */
  readonly settleMs?: number;
  /** Retry period while pcscd is unreachable after a start (default 1000 ms). */
  readonly reconnectMs?: number;
  /** Longest connect or APDU exchange (default 60 s: some cards generate keys on a command). */
  readonly transmitTimeoutMs?: number;
  /** How long a failed exchange waits to learn whether the card was pulled (default 1500 ms). */
  readonly removalGraceMs?: number;
  /** What disconnect does to the card (default reset: no applet state outlives a session). */
  readonly disposition?: DisconnectDisposition;
  /** The pcsclite factory (tests pass a fake); default: the `pcsclite` module. */
  readonly factory?: PcscLiteFactory;
}

const MAX_ATR = 33;
const DISCONNECT_ON_CLOSE_MS = 2000;

function closeQuietly(target: { close(): void }): void {
  try {
    target.close();
  } catch {
    // Closing a reader or context whose thread already ended can only fail harmlessly.
  }
}

function atrOf(status: PcscLiteStatus): Uint8Array | null {
  const atr = status.atr;
  if (!Buffer.isBuffer(atr) || atr.length === 0 || atr.length > MAX_ATR) return null;
  return new Uint8Array(atr);
}

export class PcscReaderService implements ReaderService {
  readonly #listeners = new Set<(event: ReaderEvent) => void>();
  readonly #slots = new Map<string, ReaderSlot>();
  readonly #options: Required<Omit<PcscReaderServiceOptions, 'factory'>>;
  #context: PcscLiteContext | null = null;
  #down: ChipTransportError | null = null;
  #closed = false;
  #sawReaders = false;
  #retry: NodeJS.Timeout | undefined;
  #settleCheck: (() => void) | null = null;

  private constructor(
    private readonly factory: PcscLiteFactory,
    options: PcscReaderServiceOptions,
  ) {
    this.#options = {
      extendedLength: options.extendedLength ?? 'atr',
      settleMs: options.settleMs ?? 750,
      reconnectMs: options.reconnectMs ?? 1000,
      transmitTimeoutMs: options.transmitTimeoutMs ?? 60_000,
      removalGraceMs: options.removalGraceMs ?? 1500,
      disposition: options.disposition ?? 'reset',
    };
  }

  /** Reaches pcscd and waits for the readers and cards it reports; rejects PCSCD_UNAVAILABLE. */
  static async start(options: PcscReaderServiceOptions = {}): Promise<PcscReaderService> {
    const factory = options.factory ?? (await loadPcscLite());
    const service = new PcscReaderService(factory, options);
    service.#open();
    await service.#settle();
    return service;
  }

  readers(): readonly string[] {
    return [...this.#slots.keys()];
  }

  cards(): readonly CardPresence[] {
    return [...this.#slots.values()].flatMap((s) => (s.atr ? [{ reader: s.name, atr: s.atr }] : []));
  }

  on(listener: (event: ReaderEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async connect(reader: string): Promise<CardConnection> {
    if (this.#closed) throw new ChipTransportError('CLOSED', 'reader service closed', reader);
    if (!this.#context) {
      throw this.#down ?? new ChipTransportError('PCSCD_UNAVAILABLE', 'pcscd not reached', reader);
    }
    const slot = this.#slots.get(reader);
    if (!slot) throw new ChipTransportError('NO_READER', `no reader named "${reader}"`, reader);
    if (slot.connection || slot.connecting) {
      throw new ChipTransportError('CARD_BUSY', `${reader} is already connected by this station`, reader);
    }
    slot.connecting = true;
    try {
      if (slot.native.connected) await disconnectNative(slot, SCARD_LEAVE_CARD).catch(() => undefined);
      const protocol = await connectNative(slot, this.#options.transmitTimeoutMs);
      const atr = (await slot.waitFor(() => slot.atr !== null, 1000)) ? slot.atr : null;
      if (!atr || slot.gone) {
        await disconnectNative(slot, SCARD_LEAVE_CARD).catch(() => undefined);
        throw new ChipTransportError(
          slot.gone ? 'READER_GONE' : 'NO_CARD',
          `no card ATR in ${reader}`,
          reader,
        );
      }
      const connection = new PcscCardConnection(slot, protocol, atr, {
        extendedLength: this.#extendedLength(atr),
        transmitTimeoutMs: this.#options.transmitTimeoutMs,
        removalGraceMs: this.#options.removalGraceMs,
        disposition: this.#options.disposition,
      });
      slot.connection = connection;
      return connection;
    } finally {
      slot.connecting = false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retry);
    const slots = [...this.#slots.values()];
    this.#slots.clear();
    await Promise.all(
      slots.flatMap((slot) =>
        slot.connection
          ? [
              withTimeout(slot.connection.disconnect(), DISCONNECT_ON_CLOSE_MS, 'disconnect').catch(
                () => undefined,
              ),
            ]
          : [],
      ),
    );
    for (const slot of slots) closeQuietly(slot.native);
    if (this.#context) closeQuietly(this.#context);
    this.#context = null;
    this.#listeners.clear();
  }

  #extendedLength(atr: Uint8Array): boolean {
    const policy = this.#options.extendedLength;
    if (policy !== 'atr') return policy === 'always';
    return parseAtr(atr)?.extendedLength === true;
  }

  /** Establishes a pcsclite context; its constructor throws when pcscd is not running. */
  #open(): void {
    let context: PcscLiteContext;
    try {
      context = this.factory();
    } catch (error) {
      const mapped = toTransportError(error, 'connect');
      throw mapped.code === 'PCSCD_UNAVAILABLE'
        ? mapped
        : new ChipTransportError('PCSCD_UNAVAILABLE', `pcscd not usable: ${mapped.message}`, undefined, {
            cause: error,
          });
    }
    context.on('error', (error) => {
      setImmediate(() => {
        this.#contextFailed(context, error);
      });
    });
    context.on('reader', (native) => {
      this.#attach(context, native);
    });
    this.#context = context;
    this.#down = null;
  }

  #settle(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#settleCheck = null;
        resolve();
      };
      const timer = setTimeout(done, this.#options.settleMs);
      this.#settleCheck = () => {
        if (this.#sawReaders && [...this.#slots.values()].every((s) => s.statusSeen)) done();
      };
    });
  }

  /** Runs inside the module's 'reader' emit: only attaches listeners and defers the rest. */
  #attach(context: PcscLiteContext, native: PcscLiteReader): void {
    const slot = new ReaderSlot(native.name, native);
    native.on('error', (error) => {
      setImmediate(() => {
        this.#readerError(slot, error);
      });
    });
    native.on('status', (status) => {
      setImmediate(() => {
        this.#status(slot, status);
      });
    });
    native.on('end', () => {
      setImmediate(() => {
        if (this.#slots.get(slot.name) === slot) this.#drop(slot, 'READER_GONE', 'reader removed');
      });
    });
    setImmediate(() => {
      this.#readerAdded(context, slot);
    });
  }

  #readerAdded(context: PcscLiteContext, slot: ReaderSlot): void {
    if (this.#closed || context !== this.#context) {
      closeQuietly(slot.native);
      return;
    }
    const previous = this.#slots.get(slot.name);
    if (previous) this.#drop(previous, 'READER_GONE', 'reader replaced');
    this.#slots.set(slot.name, slot);
    this.#sawReaders = true;
    this.#emit({ type: 'reader-added', reader: slot.name });
    this.#settleCheck?.();
  }

  #status(slot: ReaderSlot, status: PcscLiteStatus): void {
    if (this.#slots.get(slot.name) !== slot || slot.gone) return;
    const state = Number.isInteger(status.state) ? status.state >>> 0 : 0;
    const unusable = (state & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE)) !== 0;
    const mute = (state & SCARD_STATE_PRESENT) !== 0 && (state & SCARD_STATE_MUTE) !== 0;
    const atr = atrOf(status);
    const present = (state & SCARD_STATE_PRESENT) !== 0 && !unusable && !mute && atr !== null;
    const count = state >>> SCARD_EVENT_COUNT_SHIFT;
    const wasPresent = slot.atr !== null;
    const swapped = wasPresent && present && count !== slot.eventCount;
    slot.statusSeen = true;
    slot.eventCount = count;
    if (wasPresent && (!present || swapped)) this.#cardGone(slot);
    if (present && (!wasPresent || swapped)) {
      slot.atr = atr;
      this.#emit({ type: 'card-inserted', reader: slot.name, atr });
    } else if (present) {
      slot.atr = atr;
    }
    if (mute && !slot.muteReported) {
      this.#emit({ type: 'error', message: `${slot.name}: the card does not answer (mute)` });
    }
    slot.muteReported = mute;
    slot.changed();
    this.#settleCheck?.();
  }

  /** The card left: its connection ends and the reader is free for the next card. */
  #cardGone(slot: ReaderSlot): void {
    slot.atr = null;
    slot.connection?.end('CARD_REMOVED', 'card removed');
    slot.connection = null;
    this.#emit({ type: 'card-removed', reader: slot.name });
  }

  #drop(slot: ReaderSlot, code: 'READER_GONE' | 'PCSCD_UNAVAILABLE', message: string): void {
    slot.gone = true;
    this.#slots.delete(slot.name);
    const connection = slot.connection;
    if (slot.atr) this.#cardGone(slot);
    connection?.end(code, message);
    slot.connection = null;
    slot.changed();
    closeQuietly(slot.native);
    this.#emit({ type: 'reader-removed', reader: slot.name });
  }

  /** A reader's watch ends in error; when its cause is pcscd, the whole service goes down. */
  #readerError(slot: ReaderSlot, error: unknown): void {
    if (this.#closed || this.#down || this.#slots.get(slot.name) !== slot) return;
    if (this.#context && toTransportError(error, 'session').code === 'PCSCD_UNAVAILABLE') {
      this.#contextFailed(this.#context, error);
      return;
    }
    this.#emit({ type: 'error', message: `${slot.name}: ${messageOf(error)}` });
  }

  #contextFailed(context: PcscLiteContext, error: unknown): void {
    if (this.#closed || context !== this.#context) return;
    this.#context = null;
    this.#down = new ChipTransportError(
      'PCSCD_UNAVAILABLE',
      `pcscd unavailable: ${messageOf(error)}`,
      undefined,
      {
        cause: error,
      },
    );
    this.#emit({ type: 'error', message: this.#down.message });
    for (const slot of [...this.#slots.values()]) this.#drop(slot, 'PCSCD_UNAVAILABLE', this.#down.message);
    closeQuietly(context);
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#retry = setTimeout(() => {
      if (this.#closed) return;
      try {
        this.#open();
      } catch {
        this.#scheduleRetry();
      }
    }, this.#options.reconnectMs);
    this.#retry.unref();
  }

  #emit(event: ReaderEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        if (event.type !== 'error') {
          this.#emit({ type: 'error', message: `reader event listener failed: ${messageOf(error)}` });
        }
      }
    }
  }
}
