// The demo line: the station's web host with two emulated readers and a feeder that plays the
// operator, inserting a fresh blank reference chip into an empty reader and taking each chip out a
// moment after its fill ends, so a newcomer can run a whole batch in the first minute. Entropy is
// the simulation source (every key and binding marked simulated, a banner on every screen). The
// emulated chips are personalised from a demo issuer master key whose two ceremony components are
// printed at start: enter them in the key ceremony (Settings → Key ceremony) before the first batch.
// Run by `npm start` when no Electron runtime and no STATION_READERS is configured:
//   tsx sim/demo/demo-line.ts [--port N] [--data-dir DIR] [--open]
import { fileURLToPath } from 'node:url';
import { hexToBytes } from '../../main/crypto/bytes';
import { selectProvider } from '../../main/crypto/select-provider';
import { startWebHostProgram } from '../../main/hosts/web/web-host-program';
import { createReferenceChip } from '../chip/applet/reference-chip';
import { InProcessReaders } from '../chip/in-process-readers';

/** Demo-only ceremony components; their XOR personalises the emulated chips. Never use them for real. */
export const DEMO_COMPONENTS = [
  '11111111111111112222222222222222',
  '0f0e0d0c0b0a09080706050403020100',
] as const;
const FEED_MS = 1500;
const READERS = ['Demo reader 1 (emulated)', 'Demo reader 2 (emulated)'];

const provider = selectProvider();
const kmc = hexToBytes(DEMO_COMPONENTS[0]).map((b, i) => b ^ (hexToBytes(DEMO_COMPONENTS[1])[i] ?? 0));
const readers = new InProcessReaders(READERS);
let nextSerial = BigInt(Date.now()) << 8n;

function freshChip(): ReturnType<typeof createReferenceChip> {
  nextSerial += 1n;
  return createReferenceChip({
    provider,
    serial: nextSerial.toString(16).padStart(16, '0').slice(-16),
    personalisation: { kmc },
    capacity: 4096,
  });
}

interface LineView {
  readonly readers: readonly { readonly name: string; readonly busy: boolean }[];
  readonly batch: { readonly state: string } | null;
}

/**
 * Plays the operator while a batch is open: a blank chip into each empty reader, and each chip out
 * a moment after its reader went idle (its fill ended).
 */
function feed(station: { readonly fillLine: { status(): LineView } | null }): void {
  const finishedSince = new Map<number, number>();
  setInterval(() => {
    const line = station.fillLine?.status();
    if (line === undefined || line.batch?.state !== 'open') return;
    READERS.forEach((name, slot) => {
      if (!readers.card(slot)) {
        readers.insert(slot, freshChip());
        return;
      }
      if (line.readers.find((r) => r.name === name)?.busy ?? false) {
        finishedSince.delete(slot);
        return;
      }
      const since = finishedSince.get(slot) ?? Date.now();
      finishedSince.set(slot, since);
      if (Date.now() - since >= FEED_MS) {
        finishedSince.delete(slot);
        readers.remove(slot);
      }
    });
  }, FEED_MS / 3).unref();
}

process.stdout.write(
  `Demo line: emulated chips in ${READERS.length} readers, simulated entropy.\n` +
    `Demo key ceremony components (two security officers): ${DEMO_COMPONENTS.join(' and ')}\n`,
);
startWebHostProgram(process.argv.slice(2), {
  staticDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
  readers: { kind: 'in-process', connect: () => Promise.resolve(readers) },
  started: feed,
});
