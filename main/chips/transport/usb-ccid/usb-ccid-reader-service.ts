// ReaderService over raw USB CCID readers with configured vendor/product IDs, without pcscd. Each
// device becomes one reader named usb:VID:PID:bus-ports (or its serial number); readers come and go
// with the bus's connect/disconnect events, cards with the reader's NotifySlotChange interrupts
// (or GetSlotStatus polling when it has no interrupt endpoint). A card is powered on when it
// appears, to report its ATR, as pcscd does. On a machine without USB start() does not throw: the
// service reports the reason in unavailable(), lists no reader and connect() answers USB_UNAVAILABLE.
import { parseAtr } from '../atr';
import { ChipTransportError, messageOf } from '../transport-error';
import type { CardConnection, CardPresence, ReaderEvent, ReaderService } from '../transport';
import { CcidCardConnection } from './ccid-card-connection';
import { CcidReader } from './ccid-reader';
import { IccStatus } from './ccid-protocol';
import { loadWebUsbBus } from './webusb-bus';
import {
  isCcidUsbDevice,
  type CcidUsbDevice,
  type UsbBus,
  type UsbConnectionEventLike,
  type UsbDeviceFilter,
} from './webusb-device';

export interface UsbCcidReaderServiceOptions {
  /** Only these devices are opened. */
  readonly devices: readonly UsbDeviceFilter[];
  /** Where devices come from (default: the `usb` package's WebUSB, limited to `devices`). */
  readonly bus?: UsbBus;
  /** Extended APDUs: when reader and card ATR both allow them (default), or fixed. */
  readonly extendedLength?: 'auto' | 'always' | 'never';
  /** Longest exchange with the reader (default 60 s). */
  readonly transmitTimeoutMs?: number;
  /** Slot polling period for readers without an interrupt endpoint (default 500 ms). */
  readonly pollMs?: number;
  /** Wait of one interrupt read before it is posted again (default 1000 ms). */
  readonly notifyWaitMs?: number;
}

interface Entry {
  readonly device: CcidUsbDevice;
  readonly ccid: CcidReader;
  atr: Uint8Array | null;
  connection: CcidCardConnection | null;
  gone: boolean;
  /** Slot changes are handled one after another. */
  slotChain: Promise<void>;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

function readerName(device: CcidUsbDevice): string {
  const where =
    device.bus !== undefined && device.ports !== undefined
      ? `${device.bus}-${device.ports.join('.')}`
      : (device.serialNumber ?? 'unknown');
  return `usb:${hex4(device.vendorId)}:${hex4(device.productId)}:${where}`;
}

export class UsbCcidReaderService implements ReaderService {
  readonly #listeners = new Set<(event: ReaderEvent) => void>();
  readonly #entries = new Map<string, Entry>();
  readonly #opening = new Set<CcidUsbDevice>();
  #closed = false;
  #unavailable: string | null = null;
  #bus: UsbBus | null = null;

  private constructor(private readonly options: UsbCcidReaderServiceOptions) {}

  /** Opens the configured readers present now; never rejects for want of USB (see unavailable()). */
  static async start(options: UsbCcidReaderServiceOptions): Promise<UsbCcidReaderService> {
    const service = new UsbCcidReaderService(options);
    let devices: readonly unknown[];
    let bus: UsbBus;
    try {
      bus = options.bus ?? (await loadWebUsbBus(options.devices));
      devices = await bus.getDevices();
    } catch (error) {
      service.#unavailable = `USB unavailable: ${messageOf(error)}`;
      return service;
    }
    service.#bus = bus;
    bus.addEventListener('connect', service.#onConnect);
    bus.addEventListener('disconnect', service.#onDisconnect);
    await Promise.all(devices.map((d) => service.#add(d)));
    return service;
  }

  /** Why USB cannot be used on this machine, or null. */
  unavailable(): string | null {
    return this.#unavailable;
  }

  readers(): readonly string[] {
    return [...this.#entries.keys()];
  }

  cards(): readonly CardPresence[] {
    return [...this.#entries.entries()].flatMap(([reader, e]) => (e.atr ? [{ reader, atr: e.atr }] : []));
  }

  on(listener: (event: ReaderEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async connect(reader: string): Promise<CardConnection> {
    if (this.#closed) throw new ChipTransportError('CLOSED', 'reader service closed', reader);
    if (this.#unavailable !== null)
      throw new ChipTransportError('USB_UNAVAILABLE', this.#unavailable, reader);
    const entry = this.#entries.get(reader);
    if (!entry) throw new ChipTransportError('NO_READER', `no reader named "${reader}"`, reader);
    if (entry.connection) {
      throw new ChipTransportError('CARD_BUSY', `${reader} is already connected by this station`, reader);
    }
    const atr = entry.ccid.powered && entry.atr ? entry.atr : await entry.ccid.powerOn();
    if (!entry.atr) this.#cardIn(reader, entry, atr);
    entry.atr = atr;
    const connection = new CcidCardConnection(entry.ccid, atr, this.#extendedLength(entry.ccid, atr), {
      cardLost: () => {
        this.#cardOut(reader, entry);
      },
      holds: (c) => entry.connection === c,
      released: (c) => {
        if (entry.connection === c) entry.connection = null;
      },
    });
    entry.connection = connection;
    return connection;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#bus?.removeEventListener('connect', this.#onConnect);
    this.#bus?.removeEventListener('disconnect', this.#onDisconnect);
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    for (const entry of entries) {
      entry.gone = true;
      await entry.connection?.disconnect();
      await entry.ccid.close();
    }
    this.#listeners.clear();
  }

  readonly #onConnect = (event: UsbConnectionEventLike): void => {
    void this.#add(event.device);
  };

  readonly #onDisconnect = (event: UsbConnectionEventLike): void => {
    const found = [...this.#entries.entries()].find(([, e]) => e.device === event.device);
    if (found) this.#remove(found[0], found[1]);
  };

  /** Re-read after every await: the service may close and the reader go while one is pending. */
  #isClosed(): boolean {
    return this.#closed;
  }

  #ended(entry: Entry): boolean {
    return entry.gone || this.#closed;
  }

  #extendedLength(ccid: CcidReader, atr: Uint8Array): boolean {
    const policy = this.options.extendedLength ?? 'auto';
    if (policy === 'never' || !ccid.extendedApdu) return false;
    return policy === 'always' || parseAtr(atr)?.extendedLength === true;
  }

  async #add(candidate: unknown): Promise<void> {
    if (this.#closed || !isCcidUsbDevice(candidate) || this.#opening.has(candidate)) return;
    const device = candidate;
    const wanted = this.options.devices.some(
      (f) => f.vendorId === device.vendorId && f.productId === device.productId,
    );
    if (!wanted || [...this.#entries.values()].some((e) => e.device === device)) return;
    const name = readerName(device);
    this.#opening.add(device);
    let ccid: CcidReader;
    try {
      ccid = await CcidReader.open(device, name, this.options.transmitTimeoutMs ?? 60_000);
    } catch (error) {
      this.#emit({ type: 'error', message: `${name}: ${messageOf(error)}` });
      return;
    } finally {
      this.#opening.delete(device);
    }
    if (this.#isClosed()) {
      await ccid.close();
      return;
    }
    const entry: Entry = {
      device,
      ccid,
      atr: null,
      connection: null,
      gone: false,
      slotChain: Promise.resolve(),
    };
    this.#entries.set(name, entry);
    this.#emit({ type: 'reader-added', reader: name });
    try {
      await this.#slotChanged(name, entry, 'poll', false);
    } catch (error) {
      this.#emit({ type: 'error', message: `${name}: ${messageOf(error)}` });
    }
    void this.#watch(name, entry);
  }

  #remove(name: string, entry: Entry): void {
    if (entry.gone) return;
    entry.gone = true;
    this.#entries.delete(name);
    if (entry.atr) this.#cardOut(name, entry);
    entry.connection?.end('READER_GONE', 'reader unplugged');
    void entry.ccid.close();
    this.#emit({ type: 'reader-removed', reader: name });
  }

  /** Interrupt notifications, or GetSlotStatus polling, until the reader goes. */
  async #watch(name: string, entry: Entry): Promise<void> {
    const wait = this.options.notifyWaitMs ?? 1000;
    const poll = this.options.pollMs ?? 500;
    while (!this.#ended(entry)) {
      try {
        if (entry.ccid.hasInterrupt) {
          const notification = await entry.ccid.nextNotification(wait);
          if (notification?.kind === 'slot-change') {
            await this.#slotChanged(name, entry, notification.present, notification.changed);
          } else if (notification?.kind === 'hardware-error') {
            this.#emit({ type: 'error', message: `${name}: hardware error ${notification.code}` });
          }
        } else {
          await new Promise((resolve) => setTimeout(resolve, poll));
          await this.#slotChanged(name, entry, 'poll', false);
        }
      } catch (error) {
        if (this.#ended(entry)) return;
        this.#emit({ type: 'error', message: `${name}: ${messageOf(error)}` });
        if (error instanceof ChipTransportError && error.code === 'READER_GONE') {
          this.#remove(name, entry);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, poll));
      }
    }
  }

  /** Applies a slot state ('poll' asks the reader); serialised per reader. */
  #slotChanged(name: string, entry: Entry, present: boolean | 'poll', changed: boolean): Promise<void> {
    const step = async (): Promise<void> => {
      if (entry.gone) return;
      const now = present === 'poll' ? (await entry.ccid.iccStatus()) !== IccStatus.absent : present;
      if (entry.atr && (!now || changed)) this.#cardOut(name, entry);
      if (now && !entry.atr && !this.#ended(entry)) {
        try {
          this.#cardIn(name, entry, await entry.ccid.powerOn());
        } catch (error) {
          if (!(error instanceof ChipTransportError && error.code === 'NO_CARD')) throw error;
        }
      }
    };
    const run = entry.slotChain.then(step);
    entry.slotChain = run.catch(() => undefined);
    return run;
  }

  #cardIn(name: string, entry: Entry, atr: Uint8Array): void {
    entry.atr = atr;
    this.#emit({ type: 'card-inserted', reader: name, atr });
  }

  #cardOut(name: string, entry: Entry): void {
    if (!entry.atr) return;
    entry.atr = null;
    entry.connection?.end('CARD_REMOVED', 'card removed');
    entry.connection = null;
    this.#emit({ type: 'card-removed', reader: name });
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
