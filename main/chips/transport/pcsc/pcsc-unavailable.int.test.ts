// PcscReaderService when pcscd stops and comes back (a real pcscd in the PC/SC lab): every reader
// and card is reported gone, connect and open connections answer PCSCD_UNAVAILABLE, a new service
// cannot start, and once pcscd is back the readers and the still-inserted card reappear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCard } from '../../../../sim/chip/test-card';
import { startPcscLab, type PcscLab } from '../../../../test/support/pcsc-lab';
import type { ReaderEvent } from '../transport';
import { PcscReaderService } from './pcsc-reader-service';

const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x01, 0xa0);

let lab: PcscLab;
let service: PcscReaderService;
const events: ReaderEvent[] = [];

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out; events: ${JSON.stringify(events)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  lab = await startPcscLab({ slots: 2 });
  service = await PcscReaderService.start({ reconnectMs: 100 });
  service.on((event) => events.push(event));
});

afterAll(async () => {
  await service.close();
  await lab.stop();
});

describe('PcscReaderService without pcscd', () => {
  it('reports readers and cards gone, answers PCSCD_UNAVAILABLE, and recovers when pcscd is back', async () => {
    await lab.attach(0, new TestCard());
    await until(() => service.cards().length === 1, 3000);
    const connection = await service.connect(lab.readers[0]!);
    expect(Buffer.from(await connection.transmit(SELECT)).toString('hex')).toBe('9000');
    events.length = 0;

    await lab.stopPcscd();
    await until(() => service.readers().length === 0, 3000);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['error', 'card-removed', 'reader-removed', 'reader-removed']),
    );
    const firstError = events.find((e) => e.type === 'error');
    expect(firstError?.type === 'error' ? firstError.message : '').toMatch(/pcscd/);
    await expect(connection.transmit(SELECT)).rejects.toMatchObject({ code: 'PCSCD_UNAVAILABLE' });
    await expect(service.connect(lab.readers[0]!)).rejects.toMatchObject({ code: 'PCSCD_UNAVAILABLE' });
    await expect(PcscReaderService.start()).rejects.toMatchObject({ code: 'PCSCD_UNAVAILABLE' });
    await connection.disconnect();

    events.length = 0;
    await lab.startPcscd();
    await until(() => service.readers().length === 2 && service.cards().length === 1, 5000);
    const added = events.flatMap((e) => (e.type === 'reader-added' ? [e.reader] : []));
    expect(added).toEqual(expect.arrayContaining([...lab.readers]));
    const again = await service.connect(lab.readers[0]!);
    expect(Buffer.from(await again.transmit(SELECT)).toString('hex')).toBe('9000');
    await again.disconnect();
  });
});
