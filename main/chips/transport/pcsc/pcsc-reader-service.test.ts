// PcscReaderService over a fake of the pcsclite module that behaves as the native one does where
// it matters: 'reader' / 'status' / 'end' / 'error' events, an 'error' on context close, callbacks
// that run inside the native status handler (where reader.close() would deadlock), and error
// messages ending in "(0x8010xxxx)". The real pcscd is in the *.int.test.ts files.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../transport';
import { SCARD_PROTOCOL_T1, SCARD_STATE_MUTE, SCARD_STATE_PRESENT } from './pcsc-codes';
import { PcscReaderService, type PcscReaderServiceOptions } from './pcsc-reader-service';
import type { PcscLiteContext, PcscLiteReader } from './pcsclite-binding';

const EMPTY = 0x12;
const ATR = Buffer.from('3b85800180730000c037', 'hex');
const SHORT_ATR = Buffer.from('3b888001514b46532d5245467a', 'hex');

class FakeReader extends EventEmitter implements PcscLiteReader {
  connected = false;
  closeCalledInStatusHandler = false;
  closed = false;
  transmitAnswer: Buffer | Error = Buffer.from('9000', 'hex');
  readonly sent: Buffer[] = [];
  #inStatus = false;

  constructor(readonly name: string) {
    super();
  }

  status(state: number, atr?: Buffer): void {
    this.#inStatus = true;
    this.emit('status', atr ? { state, atr } : { state });
    this.#inStatus = false;
  }

  connect(
    _options: { share_mode: number; protocol: number },
    callback: (error: unknown, protocol: number) => void,
  ): void {
    setImmediate(() => {
      this.connected = true;
      callback(undefined, SCARD_PROTOCOL_T1);
    });
  }

  disconnect(_disposition: number, callback: (error: unknown) => void): void {
    setImmediate(() => {
      this.connected = false;
      callback(undefined);
    });
  }

  transmit(
    data: Buffer,
    _length: number,
    _protocol: number,
    callback: (error: unknown, response: Buffer) => void,
  ): void {
    this.sent.push(data);
    const answer = this.transmitAnswer;
    setImmediate(() => {
      if (answer instanceof Error) callback(answer, Buffer.alloc(0));
      else callback(undefined, answer);
    });
  }

  close(): void {
    if (this.#inStatus) this.closeCalledInStatusHandler = true;
    this.closed = true;
  }
}

class FakeContext extends EventEmitter implements PcscLiteContext {
  closed = false;

  addReader(name: string): FakeReader {
    const reader = new FakeReader(name);
    this.emit('reader', reader);
    return reader;
  }

  close(): void {
    this.closed = true;
    setImmediate(() =>
      this.emit('error', new Error('SCardGetStatusChange error: Command cancelled.(0x80100002)')),
    );
  }
}

interface Fake {
  contexts: FakeContext[];
  down: boolean;
  factory: () => FakeContext;
}

function fakePcsc(): Fake {
  const fake: Fake = {
    contexts: [],
    down: false,
    factory: () => {
      if (fake.down) throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
      const context = new FakeContext();
      fake.contexts.push(context);
      return context;
    },
  };
  return fake;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function started(
  fake: Fake,
  options: Partial<PcscReaderServiceOptions> = {},
): Promise<{ service: PcscReaderService; events: ReaderEvent[] }> {
  const service = await PcscReaderService.start({ factory: fake.factory, settleMs: 20, ...options });
  const events: ReaderEvent[] = [];
  service.on((e) => events.push(e));
  return { service, events };
}

describe('PcscReaderService (fake pcsclite)', () => {
  it('rejects with PCSCD_UNAVAILABLE when the context cannot be established', async () => {
    const fake = fakePcsc();
    fake.down = true;
    await expect(PcscReaderService.start({ factory: fake.factory })).rejects.toMatchObject({
      code: 'PCSCD_UNAVAILABLE',
    });
  });

  it('waits for the first readers and their state at start', async () => {
    const fake = fakePcsc();
    const starting = PcscReaderService.start({ factory: fake.factory, settleMs: 5000 });
    await tick();
    const context = fake.contexts[0]!;
    const a = context.addReader('Reader A');
    const b = context.addReader('Reader B');
    await tick();
    a.status(EMPTY);
    b.status(SCARD_STATE_PRESENT | 0x2, ATR);
    const service = await starting;
    expect(service.readers()).toEqual(['Reader A', 'Reader B']);
    expect(service.cards()).toEqual([{ reader: 'Reader B', atr: new Uint8Array(ATR) }]);
    await service.close();
  });

  it('follows readers and cards coming and going, in order, outside the native handlers', async () => {
    const fake = fakePcsc();
    const { service, events } = await started(fake);
    const context = fake.contexts[0]!;
    const reader = context.addReader('Reader A');
    reader.status(EMPTY);
    reader.status(SCARD_STATE_PRESENT | 0x2 | (1 << 16), ATR);
    expect(events).toEqual([]);
    await tick();
    await tick();
    reader.status(SCARD_STATE_PRESENT | 0x2 | (3 << 16), SHORT_ATR);
    reader.status(EMPTY | (4 << 16));
    reader.emit('end');
    await tick();
    await tick();
    expect(events).toEqual([
      { type: 'reader-added', reader: 'Reader A' },
      { type: 'card-inserted', reader: 'Reader A', atr: new Uint8Array(ATR) },
      { type: 'card-removed', reader: 'Reader A' },
      { type: 'card-inserted', reader: 'Reader A', atr: new Uint8Array(SHORT_ATR) },
      { type: 'card-removed', reader: 'Reader A' },
      { type: 'reader-removed', reader: 'Reader A' },
    ]);
    expect(reader.closed).toBe(true);
    expect(service.readers()).toEqual([]);
    await service.close();
  });

  it('never closes a reader from inside its status handler, even when a listener closes the service', async () => {
    const fake = fakePcsc();
    const { service } = await started(fake);
    const reader = fake.contexts[0]!.addReader('Reader A');
    await tick();
    service.on((event) => {
      if (event.type === 'card-inserted') void service.close();
    });
    reader.status(SCARD_STATE_PRESENT | 0x2, ATR);
    await tick();
    await tick();
    expect(reader.closed).toBe(true);
    expect(reader.closeCalledInStatusHandler).toBe(false);
  });

  it('reports a mute card as an error, not as a card', async () => {
    const fake = fakePcsc();
    const { service, events } = await started(fake);
    const reader = fake.contexts[0]!.addReader('Reader A');
    reader.status(SCARD_STATE_PRESENT | SCARD_STATE_MUTE | 0x2, ATR);
    await tick();
    await tick();
    expect(events.map((e) => e.type)).toEqual(['reader-added', 'error']);
    expect(service.cards()).toEqual([]);
    await service.close();
  });

  it('survives the error pcsclite emits when its context is closed, and goes quiet', async () => {
    const fake = fakePcsc();
    const { service, events } = await started(fake);
    fake.contexts[0]!.addReader('Reader A');
    await tick();
    await service.close();
    await tick();
    await tick();
    expect(fake.contexts[0]!.closed).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['reader-added']);
    await expect(service.connect('Reader A')).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('goes down with pcscd and comes back when the context can be established again', async () => {
    const fake = fakePcsc();
    const { service, events } = await started(fake, { reconnectMs: 10 });
    const reader = fake.contexts[0]!.addReader('Reader A');
    reader.status(SCARD_STATE_PRESENT | 0x2, ATR);
    await tick();
    await tick();
    const connection = await service.connect('Reader A');
    fake.down = true;
    reader.emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
    fake.contexts[0]!.emit(
      'error',
      new Error('SCardGetStatusChange error: Service not available.(0x8010001d)'),
    );
    await tick();
    expect(events.map((e) => e.type)).toEqual([
      'reader-added',
      'card-inserted',
      'error',
      'card-removed',
      'reader-removed',
    ]);
    await expect(connection.transmit(Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({
      code: 'PCSCD_UNAVAILABLE',
    });
    await expect(service.connect('Reader A')).rejects.toMatchObject({ code: 'PCSCD_UNAVAILABLE' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    fake.down = false;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.contexts).toHaveLength(2);
    fake.contexts[1]!.addReader('Reader A');
    await tick();
    expect(service.readers()).toEqual(['Reader A']);
    await service.close();
  });

  it('maps transmit errors and malformed answers, and applies the extended-length policy', async () => {
    const fake = fakePcsc();
    const { service } = await started(fake, { removalGraceMs: 20, extendedLength: 'never' });
    const reader = fake.contexts[0]!.addReader('Reader A');
    reader.status(SCARD_STATE_PRESENT | 0x2, ATR);
    await tick();
    await tick();
    const connection = await service.connect('Reader A');
    expect(connection.extendedLength).toBe(false);
    const extended = Uint8Array.of(0x80, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, ...new Uint8Array(256));
    await expect(connection.transmit(extended)).rejects.toMatchObject({ code: 'PROTOCOL' });
    reader.transmitAnswer = Buffer.from('90', 'hex');
    await expect(connection.transmit(Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({
      code: 'PROTOCOL',
    });
    reader.transmitAnswer = new Error('SCardTransmit error: Transaction failed.(0x80100016)');
    await expect(connection.transmit(Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({
      code: 'DEVICE_ERROR',
    });
    reader.transmitAnswer = new Error('SCardTransmit error: Card was removed.(0x80100069)');
    await expect(connection.transmit(Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    await expect(connection.transmit(Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    expect(reader.sent).toHaveLength(3);
    await service.close();
  });
});
