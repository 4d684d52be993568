// Child process for the crash-recovery test: runs the station on a data directory prepared by the
// test (set up, issuer key loaded, a batch open), unlocks it, and fills whatever chip the test's
// private pcscd shows (PCSCLITE_CSOCK_NAME in its environment). Prints one line per fill step so
// the test can SIGKILL it in the middle of PUT KEYS.
// Usage: tsx test/support/fill-station-child.ts DATA_DIR QRNG_FIFO PASSPHRASE
import { PcscReaderService } from '../../main/chips/transport/pcsc/pcsc-reader-service';
import { parseEntropyConfig } from '../../main/entropy/entropy-config';
import { silentLogger } from '../../main/log';
import { createStation } from '../../main/station';
import { TEST_SCRYPT } from './temp-station';

const [dataDir = '', fifo = '', passphrase = ''] = process.argv.slice(2);
const station = await createStation({
  config: { dataDir },
  hostKind: 'cli',
  logger: silentLogger,
  scrypt: TEST_SCRYPT,
  entropy: parseEntropyConfig(JSON.stringify({ kind: 'stream', path: fifo, checkAttempts: 5 }), null),
  readers: { kind: 'pcsc', connect: () => PcscReaderService.start() },
});
station.events.subscribe((event, payload) => {
  if (event !== 'fill.changed') return;
  const line = payload as { fills: { step: string; state: string; keysWritten: number }[] };
  const fill = line.fills[0];
  if (fill) process.stdout.write(`fill ${fill.step} ${fill.state} ${fill.keysWritten}\n`);
});
if (!(await station.unlockWithPassphrase(passphrase))) {
  process.stderr.write('could not unlock\n');
  process.exit(2);
}
process.stdout.write('READY\n');
