// PcscReaderService through a real pcscd and vpcd (test/support/pcsc-lab.ts) with the transport
// test card emulated in this process: reader and card events, ATR, exclusive connect, transmit,
// GET RESPONSE and 6Cxx through the decorator, extended APDUs both ways, warm reset, and a card
// pulled in the middle of a command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0_STYLE_ANSWER_LENGTH, TEST_CARD_ATR, TestCard } from '../../../../sim/chip/test-card';
import { startPcscLab, type LabAttachedCard, type PcscLab } from '../../../../test/support/pcsc-lab';
import { GetResponseTransport } from '../get-response';
import { defaultRedaction, TraceTransport } from '../trace';
import { isChipTransportError } from '../transport-error';
import type { ReaderEvent } from '../transport';
import { PcscReaderService } from './pcsc-reader-service';

const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x03, 0xa0, 0x00, 0x01);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

let lab: PcscLab;
let service: PcscReaderService;
const events: ReaderEvent[] = [];

function nextEvent(predicate: (event: ReaderEvent) => boolean, timeoutMs = 3000): Promise<ReaderEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no such reader event in ${timeoutMs} ms; saw ${JSON.stringify(events.slice(-5))}`));
    }, timeoutMs);
    const off = service.on((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

async function insert(
  slot: number,
  card = new TestCard(),
): Promise<{ card: TestCard; lab: LabAttachedCard }> {
  const inserted = nextEvent((e) => e.type === 'card-inserted' && e.reader === lab.readers[slot]);
  const handle = await lab.attach(slot, card);
  await inserted;
  return { card, lab: handle };
}

beforeAll(async () => {
  lab = await startPcscLab({ slots: 3 });
  service = await PcscReaderService.start({ removalGraceMs: 2000 });
  service.on((event) => events.push(event));
});

afterAll(async () => {
  await service.close();
  await lab.stop();
});

describe('PcscReaderService through pcscd and vpcd', () => {
  it('lists the lab readers and no cards', () => {
    expect(service.readers()).toEqual(expect.arrayContaining([...lab.readers]));
    expect(service.cards()).toEqual([]);
  });

  it('reports a card with its ATR when it goes in, and its removal', async () => {
    const { lab: handle } = await insert(0);
    expect(service.cards()).toEqual([{ reader: lab.readers[0], atr: TEST_CARD_ATR }]);
    const removed = nextEvent((e) => e.type === 'card-removed' && e.reader === lab.readers[0]);
    await handle.remove();
    await removed;
    expect(service.cards()).toEqual([]);
    await handle.detach();
  });

  it('connects exclusively, transmits, and resets the card', async () => {
    const { card, lab: handle } = await insert(1);
    const connection = await service.connect(lab.readers[1]!);
    expect(connection.protocol).toBe('T=1');
    expect(hex(connection.atr)).toBe(hex(TEST_CARD_ATR));
    expect(connection.extendedLength).toBe(true);
    await expect(service.connect(lab.readers[1]!)).rejects.toMatchObject({ code: 'CARD_BUSY' });
    expect(hex(await connection.transmit(SELECT))).toBe('9000');
    const echo = Uint8Array.of(0x80, 0x01, 0x00, 0x00, 0x03, 0x0a, 0x0b, 0x0c, 0x00);
    expect(hex(await connection.transmit(echo))).toBe('0a0b0c9000');
    const resetsBefore = card.resets;
    expect(hex(await connection.reset())).toBe(hex(TEST_CARD_ATR));
    expect(card.resets).toBeGreaterThan(resetsBefore);
    expect(hex(await connection.transmit(SELECT))).toBe('9000');
    await connection.disconnect();
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'CLOSED' });
    const again = await service.connect(lab.readers[1]!);
    await again.disconnect();
    await handle.detach();
  });

  it('assembles 61xx answers with GET RESPONSE and re-sends on 6Cxx, tracing every APDU', async () => {
    const { lab: handle } = await insert(2);
    const connection = await service.connect(lab.readers[2]!);
    const trace = new TraceTransport(connection, { redact: defaultRedaction({ sensitiveIns: [0x01] }) });
    const transport = new GetResponseTransport(trace);
    const t0Style = await transport.transmit(Uint8Array.of(0x80, 0x03, 0x00, 0x00, 0x00));
    expect(t0Style.length).toBe(T0_STYLE_ANSWER_LENGTH + 2);
    expect(hex(t0Style.subarray(-2))).toBe('9000');
    expect(t0Style[299]).toBe(299 & 0xff);
    const exact = await transport.transmit(Uint8Array.of(0x80, 0x04, 0x00, 0x00, 0x00));
    expect(exact.length).toBe(0x20 + 2);
    await transport.transmit(Uint8Array.of(0x80, 0x01, 0x00, 0x00, 0x02, 0x11, 0x22, 0x00));
    const lines = trace.entries().map((e) => `${e.direction} ${e.text}`);
    expect(lines.slice(0, 6)).toEqual([
      '=> 8003000000',
      '<= 6100',
      '=> 00C0000000',
      `<= ${hex(Uint8Array.from({ length: 256 }, (_, i) => i)).toUpperCase()}612C`,
      '=> 00C000002C',
      expect.stringMatching(/^<= [0-9A-F]{88}9000$/) as unknown as string,
    ]);
    expect(lines.slice(6, 10)).toEqual([
      '=> 8004000000',
      '<= 6C20',
      '=> 8004000020',
      expect.stringMatching(/9000$/),
    ]);
    expect(lines.slice(10)).toEqual(['=> 8001000002 [2 bytes redacted] 00', '<= 11229000']);
    await connection.disconnect();
    await handle.detach();
  });

  it('carries extended APDUs: a 600-byte command and a 4000-byte answer', async () => {
    const { card, lab: handle } = await insert(0);
    const connection = await service.connect(lab.readers[0]!);
    const data = Uint8Array.from({ length: 600 }, (_, i) => (i * 7) & 0xff);
    const echo = new Uint8Array(7 + 600 + 2);
    echo.set([0x80, 0x01, 0x00, 0x00, 0x00, 600 >> 8, 600 & 0xff]);
    echo.set(data, 7);
    const echoed = await connection.transmit(echo);
    expect(echo.length).toBe(609);
    expect(hex(echoed)).toBe(`${hex(data)}9000`);
    const produce = await connection.transmit(Uint8Array.of(0x80, 0x02, 0x0f, 0xa0, 0x00, 0x0f, 0xa0));
    expect(produce.length).toBe(4002);
    expect(card.commands.at(-1)?.length).toBe(7);
    await connection.disconnect();
    await handle.detach();
  });

  it('fails a command with CARD_REMOVED when the card is pulled during it', async () => {
    const { lab: handle } = await insert(1);
    const connection = await service.connect(lab.readers[1]!);
    const removed = nextEvent((e) => e.type === 'card-removed' && e.reader === lab.readers[1]);
    const started = performance.now();
    const failure = await connection.transmit(Uint8Array.of(0x80, 0x05, 0x00, 0x00)).catch((e: unknown) => e);
    expect(isChipTransportError(failure, 'CARD_REMOVED')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2500);
    await removed;
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    await connection.disconnect();
    await expect(service.connect(lab.readers[1]!)).rejects.toMatchObject({ code: 'NO_CARD' });
    await handle.detach();
  });

  it('refuses unknown readers and empty ones', async () => {
    await expect(service.connect('No Such Reader 00 00')).rejects.toMatchObject({ code: 'NO_READER' });
    await expect(service.connect(lab.readers[2]!)).rejects.toMatchObject({ code: 'NO_CARD' });
  });
});
