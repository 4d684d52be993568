// APDU round trip through the real PC/SC stack (PcscReaderService → libpcsclite → the lab's own
// pcscd → vpcd → emulated card), against the same card called directly in the same run:
//   quickack on:  card in this process (through the lab's unix-socket relay), and card in its own
//                 process (vpcd-chip-process, TCP inside the lab);
//   quickack off: card in this process (each APDU then waits for delayed ACKs, FACTS.md).
// Run: npx tsx bench/pcsc-roundtrip.bench.ts [--apdus 2000] [--slow-apdus 40]   (needs root)
// (results: docs/performance.md, "Chip transport")
import { PcscReaderService } from '../main/chips/transport/pcsc/pcsc-reader-service';
import type { CardConnection } from '../main/chips/transport/transport';
import { TestCard } from '../sim/chip/test-card';
import { startPcscLab, type PcscLab } from '../test/support/pcsc-lab';

const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x02, 0xa0, 0x01);

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} takes a positive integer`);
  return value;
}

async function perApdu(n: number, send: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i += 1) await send();
  const started = performance.now();
  for (let i = 0; i < n; i += 1) await send();
  return (performance.now() - started) / n;
}

async function connected(service: PcscReaderService, reader: string): Promise<CardConnection> {
  for (let i = 0; i < 100 && !service.cards().some((c) => c.reader === reader); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return service.connect(reader);
}

async function measure(lab: PcscLab, n: number, withProcess: boolean): Promise<[string, number][]> {
  const service = await PcscReaderService.start();
  const rows: [string, number][] = [];
  try {
    await lab.attach(0, new TestCard());
    const local = await connected(service, lab.readers[0]!);
    rows.push(['card in this process', await perApdu(n, () => local.transmit(SELECT))]);
    await local.disconnect();
    if (withProcess) {
      await lab.attach(1, { process: { card: 'test' } });
      const remote = await connected(service, lab.readers[1]!);
      rows.push(['card in its own process', await perApdu(n, () => remote.transmit(SELECT))]);
      await remote.disconnect();
    }
  } finally {
    await service.close();
  }
  return rows;
}

async function main(): Promise<void> {
  const apdus = flag('--apdus', 2000);
  const slow = flag('--slow-apdus', 40);
  const card = new TestCard();
  const direct = await perApdu(apdus, () => card.process(SELECT));
  const results: [string, number][] = [['baseline: CardBehaviour.process() called directly', direct]];
  for (const quickack of [true, false]) {
    const lab = await startPcscLab({ slots: 2, quickack });
    try {
      const rows = await measure(lab, quickack ? apdus : slow, quickack);
      results.push(
        ...rows.map(([what, ms]): [string, number] => [`quickack ${quickack ? 'on ' : 'off'}: ${what}`, ms]),
      );
    } finally {
      await lab.stop();
    }
  }
  for (const [what, ms] of results) {
    const rate = Math.round(1000 / ms).toLocaleString('en');
    console.log(`${what.padEnd(58)} ${ms.toFixed(3).padStart(8)} ms/APDU  ${rate.padStart(9)} APDU/s`);
  }
}

await main();
