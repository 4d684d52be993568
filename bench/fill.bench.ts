// The cost of filling one chip through the real PC/SC stack (PcscReaderService → libpcsclite → the
// lab's own pcscd → vpcd with quickack → the reference chip emulator in its own process, so the
// chip's CPU is not counted as the station's):
//   1. protocol: identify, secure channel, PUT KEYS of a 1024-key pool, pool check, 8 key proofs,
//      LOCK, with short APDUs (as the reference chip's ATR announces) and with extended ones:
//      APDUs, bytes on the wire per key against the raw 16 bytes, wall time, this process's CPU;
//   2. readers in parallel: the same whole fill on two chips one after the other, then on two
//      readers at once (wall time ratio).
// Baseline in the same run: the same fill against the chip emulator called in-process.
// Run: npx tsx bench/fill.bench.ts [--keys 1024]   (needs root; results: docs/performance.md)
import { randomBytes } from 'node:crypto';
import { createReferenceProfile } from '../main/chips/profiles/reference-profile';
import type { PoolKey } from '../main/chips/profiles/chip-profile';
import { PcscReaderService } from '../main/chips/transport/pcsc/pcsc-reader-service';
import { GetResponseTransport } from '../main/chips/transport/get-response';
import type { ApduTransport } from '../main/chips/transport/transport';
import { bytesToHex } from '../main/crypto/bytes';
import { selectProvider } from '../main/crypto/select-provider';
import { sampledSlots } from '../main/fill/chip-fill';
import { createReferenceChip } from '../sim/chip/applet/reference-chip';
import { inProcessTransport } from '../sim/chip/in-process-transport';
import { startPcscLab, type PcscLab } from '../test/support/pcsc-lab';

const provider = selectProvider();
const profile = createReferenceProfile({ provider });
const KMC = new Uint8Array(randomBytes(16));
const keysFlag = process.argv.indexOf('--keys');
const KEYS = keysFlag === -1 ? 1024 : Number(process.argv[keysFlag + 1]);

interface Counts {
  apdus: number;
  sent: number;
  received: number;
}

function counting(inner: ApduTransport, counts: Counts): ApduTransport {
  return {
    get extendedLength() {
      return inner.extendedLength;
    },
    async transmit(command) {
      counts.apdus += 1;
      counts.sent += command.length;
      const response = await inner.transmit(command);
      counts.received += response.length;
      return response;
    },
  };
}

function pool(): PoolKey[] {
  return Array.from({ length: KEYS }, (_, index) => ({ index, key: new Uint8Array(randomBytes(16)) }));
}

/** One whole fill as the fill engine runs it; the wall and CPU time of this process. */
async function fill(transport: ApduTransport): Promise<{ wallMs: number; cpuMs: number }> {
  const keys = pool();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const chip = await profile.identify(transport);
  const session = await profile.openSecureChannel(
    transport,
    profile.deriveStaticKeys(KMC, chip.serial),
    chip.serial,
  );
  await profile.putKeys(session, keys);
  const check = await profile.checkPool(session, keys);
  if (!check.ok) throw new Error('pool check failed');
  for (const k of sampledSlots(keys))
    if (!(await profile.proveKey(session, k.index, k.key))) throw new Error('proof');
  await profile.lock(session);
  session.close();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** A chip that takes this long per command, as a real chip's secure messaging and EEPROM do. */
const REAL_CHIP_MS = 20;
let serial = 0x5000n;
function chipConfig(slowMs = 0): { process: Record<string, unknown> } {
  serial += 1n;
  return {
    process: {
      serial: serial.toString(16).padStart(16, '0'),
      kmc: bytesToHex(KMC),
      capacity: KEYS,
      faults: { slowMs },
    },
  };
}

async function waitForCard(service: PcscReaderService, reader: string): Promise<void> {
  for (let i = 0; i < 200 && !service.cards().some((c) => c.reader === reader); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function connectTo(lab: PcscLab, service: PcscReaderService, slot: number, slowMs: number) {
  const card = await lab.attach(slot, chipConfig(slowMs));
  const reader = lab.readers[slot]!;
  await waitForCard(service, reader);
  return { card, connection: await service.connect(reader) };
}

async function pcscFill(
  attached: Awaited<ReturnType<typeof connectTo>>,
  extended: boolean,
): Promise<{ wallMs: number; cpuMs: number } & Counts> {
  const counts: Counts = { apdus: 0, sent: 0, received: 0 };
  try {
    const transport = counting(new GetResponseTransport(attached.connection), counts);
    const forced: ApduTransport = { extendedLength: extended, transmit: (c) => transport.transmit(c) };
    return { ...(await fill(forced)), ...counts };
  } finally {
    await attached.connection.disconnect();
    await attached.card.detach();
  }
}

function row(
  label: string,
  r: { wallMs: number; cpuMs: number; apdus?: number; sent?: number },
  base: number,
): void {
  const wire =
    r.sent === undefined ? '' : `${r.apdus} APDUs, ${(r.sent / (KEYS * 16)).toFixed(3)}× raw key bytes sent,`;
  console.log(
    `${label.padEnd(44)} ${wire} ${r.wallMs.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU ` +
      `(${((100 * r.cpuMs) / r.wallMs).toFixed(1)} % of wall), ${(r.wallMs / base).toFixed(1)}× baseline`,
  );
}

const lab = await startPcscLab({ slots: 2 });
const service = await PcscReaderService.start({ extendedLength: 'always' });
try {
  const card = createReferenceChip({
    provider,
    serial: '0000000000005000',
    personalisation: { kmc: KMC },
    capacity: KEYS,
  });
  await fill(inProcessTransport(card, { extendedLength: true }));
  card.reset();
  const baseline = await fill(
    inProcessTransport(
      createReferenceChip({
        provider,
        serial: '0000000000004fff',
        personalisation: { kmc: KMC },
        capacity: KEYS,
      }),
      { extendedLength: true },
    ),
  );
  console.log(`fill of a ${KEYS}-key pool (identify, secure channel, PUT KEYS, pool check, 8 proofs, LOCK)`);
  row('baseline: emulator called in-process', baseline, baseline.wallMs);
  const at = (slot: number, slowMs = 0) => connectTo(lab, service, slot, slowMs);
  await pcscFill(await at(0), false);
  row('pcscd + vpcd, short APDUs', await pcscFill(await at(0), false), baseline.wallMs);
  row('pcscd + vpcd, extended APDUs', await pcscFill(await at(0), true), baseline.wallMs);
  row(
    `same, chip taking ${REAL_CHIP_MS} ms per command, short`,
    await pcscFill(await at(0, REAL_CHIP_MS), false),
    baseline.wallMs,
  );
  row(
    `same, chip taking ${REAL_CHIP_MS} ms per command, extended`,
    await pcscFill(await at(0, REAL_CHIP_MS), true),
    baseline.wallMs,
  );

  const first = await at(0, REAL_CHIP_MS);
  const second = await at(1, REAL_CHIP_MS);
  const one = performance.now();
  await pcscFill(first, false);
  await pcscFill(second, false);
  const sequential = performance.now() - one;
  const both = await Promise.all([at(0, REAL_CHIP_MS), at(1, REAL_CHIP_MS)]);
  const two = performance.now();
  await Promise.all(both.map((b) => pcscFill(b, false)));
  const parallel = performance.now() - two;
  console.log(
    `two ${REAL_CHIP_MS} ms/command chips, one after the other: ${sequential.toFixed(0)} ms; on two readers ` +
      `at once: ${parallel.toFixed(0)} ms (speed-up ${(sequential / parallel).toFixed(2)}×)`,
  );
} finally {
  await service.close();
  await lab.stop();
}
