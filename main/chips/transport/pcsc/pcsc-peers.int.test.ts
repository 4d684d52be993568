// The PC/SC transport against cards in other processes, through a real pcscd and vpcd: Debian's
// vicc (vsmartcard's Python ISO 7816 card, written by nobody here) and the reference chip in
// sim/chip/vpcd-chip-process.ts, pulled out through its stdin control.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_AID, REFERENCE_CHIP_ATR } from '../../profiles/reference-protocol';
import { startPcscLab, type PcscLab } from '../../../../test/support/pcsc-lab';
import { parseAtr } from '../atr';
import { GetResponseTransport } from '../get-response';
import type { CardPresence, ReaderEvent } from '../transport';
import { PcscReaderService } from './pcsc-reader-service';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

let lab: PcscLab;
let service: PcscReaderService;

function cardIn(reader: string, timeoutMs = 10_000): Promise<CardPresence> {
  const present = service.cards().find((c) => c.reader === reader);
  if (present) return Promise.resolve(present);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no card in ${reader} after ${timeoutMs} ms`));
    }, timeoutMs);
    const off = service.on((event: ReaderEvent) => {
      if (event.type !== 'card-inserted' || event.reader !== reader) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

beforeAll(async () => {
  lab = await startPcscLab({ slots: 2 });
  service = await PcscReaderService.start();
});

afterAll(async () => {
  await service.close();
  await lab.stop();
});

describe('PC/SC transport against cards in other processes', () => {
  it('reads the ATR of vicc, selects its master file and fetches a challenge through GET RESPONSE', async () => {
    await lab.attach(0, { vicc: { type: 'iso7816' } });
    const { atr } = await cardIn(lab.readers[0]!);
    expect(parseAtr(atr)).toMatchObject({ checkValid: true });
    const connection = await service.connect(lab.readers[0]!);
    const transport = new GetResponseTransport(connection);
    // P2 = 0C (no FCI): vicc 0.8 fails on Python 3 when it has to encode an FCI.
    expect(hex(await transport.transmit(Uint8Array.of(0x00, 0xa4, 0x00, 0x0c, 0x02, 0x3f, 0x00)))).toBe(
      '9000',
    );
    expect(hex(await transport.transmit(Uint8Array.of(0x00, 0xa4, 0x00, 0x0c, 0x02, 0x12, 0x34)))).toBe(
      '6a82',
    );
    expect(hex(await connection.transmit(Uint8Array.of(0x00, 0x84, 0x00, 0x00)))).toBe('6108');
    const challenge = await transport.transmit(Uint8Array.of(0x00, 0x84, 0x00, 0x00));
    expect(challenge.length).toBe(10);
    expect(hex(challenge.subarray(-2))).toBe('9000');
    expect(hex(await transport.transmit(Uint8Array.of(0x00, 0x7e, 0x00, 0x00)))).toBe('6d00');
    await connection.disconnect();
  });

  it('talks to the reference chip process and sees it pulled out on command', async () => {
    const chip = await lab.attach(1, { process: { kmc: '404142434445464748494a4b4c4d4e4f' } });
    const { atr } = await cardIn(lab.readers[1]!);
    expect(hex(atr)).toBe(hex(REFERENCE_CHIP_ATR));
    const connection = await service.connect(lab.readers[1]!);
    const select = new Uint8Array([0x00, 0xa4, 0x04, 0x00, REFERENCE_AID.length, ...REFERENCE_AID, 0x00]);
    expect(hex((await connection.transmit(select)).subarray(-2))).toBe('9000');
    const removed = new Promise<void>((resolve) => {
      const off = service.on((event) => {
        if (event.type === 'card-removed' && event.reader === lab.readers[1]) {
          off();
          resolve();
        }
      });
    });
    await chip.remove();
    await removed;
    await expect(connection.transmit(select)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    await connection.disconnect();
    await chip.insert();
    await cardIn(lab.readers[1]!);
  });
});
