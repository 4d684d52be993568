// `station verify`: proves the chip in one reader against its binding, headlessly, on the same
// engine as the station app's Verify screen. The operator signs in, the command waits (up to
// --wait seconds) until the reader shows a card the line is not busy with, calls 'verify.chip'
// through the dispatcher (audited) and prints the report, or with --json the VerifyReport.
// Exit 0: verdict genuine; 1: any other verdict; 2: no card in time or the station could not
// verify; 64: bad usage (UsageError, main.ts).
import type { VerifyReport } from '../../shared/fill';
import { createStation } from '../station';
import { jsonLine, verifyReportText } from './line-output';
import { parseVerifyOptions, type VerifyOptions } from './line-options';
import { cannotRun, openLineStation, type LineStation, type LineStationDeps } from './line-station';
import type { CommandIo } from './selftest-command';
import { StationRefusal } from './station-call';

const EXIT_GENUINE = 0;
const EXIT_NOT_GENUINE = 1;
const EXIT_CANNOT_RUN = 2;
const POLL_MS = 100;

/** The report, or null when the reader showed no card it could verify before `deadline`. */
async function verifyWhenReady(
  line: LineStation,
  reader: string,
  deadline: number,
): Promise<VerifyReport | null> {
  for (;;) {
    const status = await line.call('fill.status', {});
    const view = status.readers.find((r) => r.name === reader);
    if (view?.card && !view.busy) {
      try {
        return await line.call('verify.chip', { reader });
      } catch (error) {
        // The line took the card up between the two calls: wait for it as for any busy reader.
        if (!(error instanceof StationRefusal && error.code === 'CONFLICT')) throw error;
      }
    }
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function runVerify(options: VerifyOptions, io: CommandIo, deps: LineStationDeps): Promise<number> {
  const line = await openLineStation(
    { command: 'verify', options, readers: [options.reader], entropy: null, env: io.env },
    deps,
  );
  try {
    const report = await verifyWhenReady(line, options.reader, Date.now() + options.waitSeconds * 1000);
    if (!report) {
      deps.err(`station verify: no card to verify in "${options.reader}" after ${options.waitSeconds} s\n`);
      return EXIT_CANNOT_RUN;
    }
    io.out(options.json ? jsonLine(report) : verifyReportText(report));
    return report.verdict === 'genuine' ? EXIT_GENUINE : EXIT_NOT_GENUINE;
  } finally {
    await line.close();
  }
}

export function createVerifyCommand(
  deps: LineStationDeps,
): (args: readonly string[], io: CommandIo) => Promise<number> {
  return async (args, io) => {
    const options = parseVerifyOptions(args);
    try {
      return await runVerify(options, io, deps);
    } catch (error) {
      return cannotRun('verify', error, deps);
    }
  };
}

export const verifyCommand = createVerifyCommand({
  err: (text) => process.stderr.write(text),
  createStation,
});
