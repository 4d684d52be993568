// A USB CCID smart-card reader with a CardBehaviour in its slot, as an object with the WebUSB
// USBDevice methods the way the `usb` 3.x package exposes them (stall → {status:'stall'}; a
// timeout or disconnect rejects with "transferIn error: transfer was cancelled" / "... device
// disconnected"). Like an APDU-level reader (CCID rev 1.1): configuration 1, interface 0 of class
// 0x0B with bulk OUT 1, bulk IN 2 and (optionally) interrupt IN 3; GET_DESCRIPTOR returns a
// configuration holding the CCID class descriptor (dwFeatures, dwMaxCCIDMessageLength); it answers
// IccPowerOn / IccPowerOff / GetSlotStatus / XfrBlock with DataBlock / SlotStatus carrying the
// command's bSeq, chains extended APDUs both ways when they exceed its message size, and reports
// insertions and removals with NotifySlotChange. Fault switches (`faults`): time-extension answers
// before each XfrBlock answer, a one-shot stall of bulk IN or OUT, a disconnect during the next
// XfrBlock. A card throwing CardRemovedSignal is pulled mid-command (the answer says "no ICC").
import type { CardBehaviour } from './card-behaviour';
import { CardRemovedSignal } from './card-removed-signal';

export interface CcidEmulatorOptions {
  readonly vendorId?: number;
  readonly productId?: number;
  readonly serialNumber?: string;
  readonly bus?: string;
  readonly ports?: readonly number[];
  /** dwFeatures (default: automatic voltage/clock/parameters, extended APDU level). */
  readonly features?: number;
  /** dwMaxCCIDMessageLength (default 65546: a whole extended APDU in one message). */
  readonly maxMessageLength?: number;
  readonly interruptEndpoint?: boolean;
}

export interface CcidFaults {
  /** Time-extension answers (bmCommandStatus 2) sent before each XfrBlock answer. */
  timeExtensions: number;
  /** The next transfer in this direction stalls (one shot). */
  stall: 'in' | 'out' | null;
  /** The device is unplugged while it works on the next XfrBlock. */
  disconnectDuringCommand: boolean;
}

export type CcidLogEntry = {
  readonly type: number;
  readonly seq: number;
  readonly level: number;
  readonly length: number;
};

interface Setup {
  readonly requestType: 'standard' | 'class' | 'vendor';
  readonly recipient: 'device' | 'interface' | 'endpoint' | 'other';
  readonly request: number;
  readonly value: number;
  readonly index: number;
}

const PACKET = 64;
const BULK_OUT = 1;
const BULK_IN = 2;
const INTERRUPT_IN = 3;
const DEFAULT_FEATURES = 0x0000_0002 | 0x0000_0004 | 0x0000_0008 | 0x0000_0010 | 0x0000_0080 | 0x0004_0000;

const ABSENT = 2;
const INACTIVE = 1;
const FAILED = 0x40;
const TIME_EXTENSION = 0x80;
const ICC_MUTE = 0xfe;

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

interface Waiter {
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

/** Bytes waiting on an IN endpoint, handed out as transfers ask for them. */
class InQueue {
  readonly #chunks: Uint8Array[] = [];
  readonly #waiters: Waiter[] = [];

  push(bytes: Uint8Array): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(bytes);
    else this.#chunks.push(bytes);
  }

  take(length: number, timeout: number, what: string): Promise<Uint8Array> {
    const chunk = this.#chunks.shift();
    if (chunk) return Promise.resolve(this.#cut(chunk, length));
    return new Promise((resolve, reject) => {
      const timer =
        timeout > 0
          ? setTimeout(() => {
              const i = this.#waiters.indexOf(waiter);
              if (i >= 0) this.#waiters.splice(i, 1);
              reject(new Error(`${what} error: transfer was cancelled`));
            }, timeout)
          : undefined;
      const waiter: Waiter = {
        resolve: (bytes) => {
          clearTimeout(timer);
          resolve(this.#cut(bytes, length));
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  failAll(error: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
    this.#chunks.length = 0;
  }

  /** A transfer gets at most `length` bytes; the rest waits for the next one. */
  #cut(bytes: Uint8Array, length: number): Uint8Array {
    if (bytes.length <= length) return bytes;
    this.#chunks.unshift(bytes.subarray(length));
    return bytes.subarray(0, length);
  }
}

export class CcidUsbDeviceEmulator {
  readonly vendorId: number;
  readonly productId: number;
  readonly serialNumber: string;
  readonly bus: string;
  readonly ports: readonly number[];
  readonly log: CcidLogEntry[] = [];
  readonly faults: CcidFaults = { timeExtensions: 0, stall: null, disconnectDuringCommand: false };
  readonly #features: number;
  readonly #maxMessage: number;
  readonly #interrupt: boolean;
  readonly #bulkIn = new InQueue();
  readonly #notifications = new InQueue();
  readonly #disconnectListeners = new Set<() => void>();
  #card: CardBehaviour | null = null;
  #powered = false;
  #opened = false;
  #configured = false;
  #claimed = false;
  #gone = false;
  #work: Promise<void> = Promise.resolve();
  #commandChain: Uint8Array[] | null = null;
  #answerRest: { readonly seq: number; bytes: Uint8Array } | null = null;

  constructor(options: CcidEmulatorOptions = {}) {
    this.vendorId = options.vendorId ?? 0x1209;
    this.productId = options.productId ?? 0xcc1d;
    this.serialNumber = options.serialNumber ?? 'EMU-CCID-0001';
    this.bus = options.bus ?? '1';
    this.ports = options.ports ?? [4];
    this.#features = options.features ?? DEFAULT_FEATURES;
    this.#maxMessage = options.maxMessageLength ?? 65546;
    this.#interrupt = options.interruptEndpoint ?? true;
  }

  get opened(): boolean {
    return this.#opened;
  }

  get configuration(): ReturnType<CcidUsbDeviceEmulator['configurationObject']> | undefined {
    return this.#configured ? this.configurationObject() : undefined;
  }

  get configurations(): ReturnType<CcidUsbDeviceEmulator['configurationObject']>[] {
    return [this.configurationObject()];
  }

  get cardPresent(): boolean {
    return this.#card !== null;
  }

  /** Puts a card in the slot (NotifySlotChange: present, changed). */
  insert(card: CardBehaviour): void {
    this.#card = card;
    this.#powered = false;
    this.#notify();
  }

  /** Pulls the card out (NotifySlotChange: absent, changed). */
  remove(): void {
    this.#card?.powerOff();
    this.#card = null;
    this.#powered = false;
    this.#notify();
  }

  /** Unplugs the device: pending and later transfers fail as the `usb` package's do. */
  disconnect(): void {
    if (this.#gone) return;
    this.#gone = true;
    const error = new Error('transferIn error: device disconnected');
    this.#bulkIn.failAll(error);
    this.#notifications.failAll(error);
    for (const listener of [...this.#disconnectListeners]) listener();
  }

  /** For an emulated bus: called once when the device is unplugged. */
  whenDisconnected(listener: () => void): () => void {
    this.#disconnectListeners.add(listener);
    return () => this.#disconnectListeners.delete(listener);
  }

  open(): Promise<void> {
    return this.#step('open', () => (this.#opened = true));
  }

  close(): Promise<void> {
    this.#opened = false;
    this.#claimed = false;
    this.#notifications.failAll(new Error('transferIn error: transfer was cancelled'));
    return Promise.resolve();
  }

  selectConfiguration(value: number): Promise<void> {
    return this.#step('selectConfiguration', () => {
      if (value !== 1) throw new Error('selectConfiguration error: invalid configuration');
      this.#configured = true;
    });
  }

  claimInterface(interfaceNumber: number): Promise<void> {
    return this.#step('claimInterface', () => {
      if (!this.#configured || interfaceNumber !== 0)
        throw new Error('claimInterface error: interface not found');
      this.#claimed = true;
    });
  }

  releaseInterface(_interfaceNumber: number): Promise<void> {
    this.#claimed = false;
    return Promise.resolve();
  }

  clearHalt(_direction: 'in' | 'out', _endpointNumber: number): Promise<void> {
    return this.#step('clearHalt', () => undefined);
  }

  async controlTransferIn(
    setup: Setup,
    length: number,
    _timeout = 1000,
  ): Promise<{ data?: DataView; status: 'ok' | 'stall' }> {
    await this.#step('controlTransferIn', () => undefined);
    const getConfiguration =
      setup.requestType === 'standard' &&
      setup.recipient === 'device' &&
      setup.request === 0x06 &&
      setup.value === 0x0200;
    if (!getConfiguration) return { data: undefined, status: 'stall' };
    return { data: dataView(this.configurationDescriptor().slice(0, length)), status: 'ok' };
  }

  async transferOut(
    endpointNumber: number,
    data: Uint8Array,
    _timeout = 1000,
  ): Promise<{ bytesWritten: number; status: 'ok' | 'stall' }> {
    await this.#ready('transferOut');
    if (endpointNumber !== BULK_OUT) throw new Error('transferOut error: endpoint not found');
    if (this.faults.stall === 'out') {
      this.faults.stall = null;
      return { bytesWritten: 0, status: 'stall' };
    }
    const message = data.slice();
    this.#work = this.#work.then(() => this.#handle(message)).catch(() => undefined);
    return { bytesWritten: data.length, status: 'ok' };
  }

  async transferIn(
    endpointNumber: number,
    length: number,
    timeout = 1000,
  ): Promise<{ data?: DataView; status: 'ok' | 'stall' }> {
    await this.#ready('transferIn');
    if (endpointNumber === INTERRUPT_IN && this.#interrupt) {
      return { data: dataView(await this.#notifications.take(length, timeout, 'transferIn')), status: 'ok' };
    }
    if (endpointNumber !== BULK_IN) throw new Error('transferIn error: endpoint not found');
    if (this.faults.stall === 'in') {
      this.faults.stall = null;
      return { data: undefined, status: 'stall' };
    }
    return { data: dataView(await this.#bulkIn.take(length, timeout, 'transferIn')), status: 'ok' };
  }

  /** The WebUSB configuration object, as the `usb` package builds it from the descriptors. */
  configurationObject() {
    const endpoints = [
      { endpointNumber: BULK_OUT, direction: 'out', type: 'bulk', packetSize: PACKET },
      { endpointNumber: BULK_IN, direction: 'in', type: 'bulk', packetSize: PACKET },
      ...(this.#interrupt
        ? [{ endpointNumber: INTERRUPT_IN, direction: 'in', type: 'interrupt', packetSize: 8 }]
        : []),
    ] as const;
    return {
      configurationValue: 1,
      configurationName: undefined,
      interfaces: [
        {
          interfaceNumber: 0,
          claimed: this.#claimed,
          alternate: {
            alternateSetting: 0,
            interfaceClass: 0x0b,
            interfaceSubclass: 0,
            interfaceProtocol: 0,
            endpoints,
          },
          alternates: [],
        },
      ],
    };
  }

  /** Raw configuration descriptor: configuration, interface, CCID class descriptor, endpoints. */
  configurationDescriptor(): Uint8Array {
    const endpointCount = this.#interrupt ? 3 : 2;
    const ccid = [
      0x36,
      0x21,
      0x10,
      0x01,
      0x00,
      0x07,
      ...u32(0x03),
      ...u32(4000),
      ...u32(4000),
      0x00,
      ...u32(10752),
      ...u32(10752),
      0x00,
      ...u32(254),
      ...u32(0),
      ...u32(0),
      ...u32(this.#features),
      ...u32(this.#maxMessage),
      0xff,
      0xff,
      0x00,
      0x00,
      0x00,
      0x01,
    ];
    const endpoint = (address: number, attributes: number, size: number, interval: number): number[] => [
      0x07,
      0x05,
      address,
      attributes,
      size & 0xff,
      size >> 8,
      interval,
    ];
    const body = [
      ...[0x09, 0x04, 0x00, 0x00, endpointCount, 0x0b, 0x00, 0x00, 0x00],
      ...ccid,
      ...endpoint(BULK_OUT, 0x02, PACKET, 0),
      ...endpoint(0x80 | BULK_IN, 0x02, PACKET, 0),
      ...(this.#interrupt ? endpoint(0x80 | INTERRUPT_IN, 0x03, 8, 16) : []),
    ];
    const total = 9 + body.length;
    return Uint8Array.from([0x09, 0x02, total & 0xff, total >> 8, 0x01, 0x01, 0x00, 0x80, 50, ...body]);
  }

  #notify(): void {
    if (this.#interrupt && this.#opened)
      this.#notifications.push(Uint8Array.of(0x50, (this.#card ? 0x01 : 0x00) | 0x02));
  }

  #answer(
    type: number,
    seq: number,
    status: number,
    error: number,
    last: number,
    data: Uint8Array = new Uint8Array(0),
  ): void {
    const out = new Uint8Array(10 + data.length);
    out[0] = type;
    dataView(out).setUint32(1, data.length, true);
    out.set([0, seq, status, error, last], 5);
    out.set(data, 10);
    this.#bulkIn.push(out);
  }

  #iccStatus(): number {
    if (!this.#card) return ABSENT;
    return this.#powered ? 0 : INACTIVE;
  }

  async #handle(message: Uint8Array): Promise<void> {
    const view = dataView(message);
    const type = message[0] ?? 0;
    const seq = message[6] ?? 0;
    const level = message.length >= 10 ? view.getUint16(8, true) : 0;
    const data = message.subarray(10, 10 + (message.length >= 10 ? view.getUint32(1, true) : 0));
    this.log.push({ type, seq, level, length: data.length });
    switch (type) {
      case 0x62:
        this.#powerOn(seq);
        return;
      case 0x63:
        this.#card?.powerOff();
        this.#powered = false;
        this.#answer(0x81, seq, this.#iccStatus(), 0, 0);
        return;
      case 0x65:
        this.#answer(0x81, seq, this.#iccStatus(), 0, 0);
        return;
      case 0x6f:
        await this.#xfrBlock(seq, level, data);
        return;
      default:
        this.#answer(0x81, seq, FAILED | this.#iccStatus(), 0x00, 0);
    }
  }

  #powerOn(seq: number): void {
    if (!this.#card) {
      this.#answer(0x80, seq, FAILED | ABSENT, ICC_MUTE, 0);
      return;
    }
    this.#card.reset();
    this.#powered = true;
    this.#answer(0x80, seq, 0, 0, 0, this.#card.atr());
  }

  async #xfrBlock(seq: number, level: number, data: Uint8Array): Promise<void> {
    const card = this.#card;
    if (!card || !this.#powered) {
      this.#answer(0x80, seq, FAILED | this.#iccStatus(), ICC_MUTE, 0);
      return;
    }
    if (level === 0x10) {
      this.#sendAnswerPart(seq);
      return;
    }
    if (level === 0x01 || level === 0x03) {
      this.#commandChain = [...(level === 0x01 ? [] : (this.#commandChain ?? [])), data.slice()];
      this.#answer(0x80, seq, 0, 0, 0x10);
      return;
    }
    const parts = level === 0x02 ? [...(this.#commandChain ?? []), data] : [data];
    this.#commandChain = null;
    const command = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      command.set(part, at);
      at += part.length;
    }
    for (let i = 0; i < this.faults.timeExtensions; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      this.#answer(0x80, seq, TIME_EXTENSION, 0x01, 0);
    }
    if (this.faults.disconnectDuringCommand) {
      this.faults.disconnectDuringCommand = false;
      this.disconnect();
      return;
    }
    let response: Uint8Array;
    try {
      response = await card.process(command);
    } catch (error) {
      if (!(error instanceof CardRemovedSignal)) throw error;
      this.#card = null;
      this.#powered = false;
      this.#answer(0x80, seq, FAILED | ABSENT, ICC_MUTE, 0);
      this.#notify();
      return;
    }
    this.#answerRest = { seq, bytes: response };
    this.#sendAnswerPart(seq);
  }

  /** Sends the answer whole, or its next part when it exceeds the message size. */
  #sendAnswerPart(seq: number): void {
    const rest = this.#answerRest;
    if (!rest) {
      this.#answer(0x80, seq, FAILED, 0x00, 0);
      return;
    }
    const room = this.#maxMessage - 10;
    const first = rest.seq === seq;
    const part = rest.bytes.subarray(0, room);
    rest.bytes = rest.bytes.subarray(part.length);
    const more = rest.bytes.length > 0;
    if (!more) this.#answerRest = null;
    const chain = first ? (more ? 0x01 : 0x00) : more ? 0x03 : 0x02;
    if (more) this.#answerRest = { seq: -1, bytes: rest.bytes };
    this.#answer(0x80, seq, 0, 0, chain, part.slice());
  }

  async #ready(what: string): Promise<void> {
    await Promise.resolve();
    if (this.#gone) throw new Error(`${what} error: device disconnected`);
    if (!this.#opened || !this.#claimed) throw new Error(`${what} error: invalid state`);
  }

  async #step(what: string, action: () => void): Promise<void> {
    await Promise.resolve();
    if (this.#gone) throw new Error(`${what} error: device disconnected`);
    action();
  }
}
