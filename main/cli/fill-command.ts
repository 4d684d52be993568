// `station fill`: runs one batch (work order) headlessly for line automation, on the same fill
// engine as the station app. The operator signs in, the batch starts through the dispatcher, every
// chip inserted on the command's readers is filled, and each finished fill is printed as it ends
// (a line, or with --json one FillView per line) until the batch is complete. A timeout or Ctrl-C
// closes the batch (fills in progress finish) and ends with the summary ({"batch", "fills"} with
// --json). Exit 0: every authorised chip filled; 1: the batch ended short; 130 (143 for SIGTERM):
// interrupted; 2: the station could not run the batch; 64: bad usage (UsageError, main.ts).
import { constants } from 'node:os';
import type { BatchView, FillView, WorkOrder } from '../../shared/fill';
import { resolveHostEntropy } from '../config';
import { createStation } from '../station';
import { readBatchFile } from './batch-file';
import { batchSummary, finishedFillText, jsonLine } from './line-output';
import { parseFillOptions, type FillOptions } from './line-options';
import { cannotRun, openLineStation, type LineStation, type LineStationDeps } from './line-station';
import type { CommandIo } from './selftest-command';

const EXIT_COMPLETE = 0;
const EXIT_SHORT = 1;
/** Status is read at least this often, also keeping the operator's session from idling out. */
const POLL_MS = 1000;

type Interrupt = 'SIGINT' | 'SIGTERM';

export interface FillCommandDeps extends LineStationDeps {
  /**
   * Calls `listener` on every Ctrl-C (SIGINT) or SIGTERM until the returned function runs: a second
   * Ctrl-C must not kill the command before it has closed its batch.
   */
  readonly onInterrupt: (listener: (signal: Interrupt) => void) => () => void;
}

/** Prints each finished fill of one batch once, in the order they were started. */
class FinishedFills {
  readonly fills: FillView[] = [];
  private readonly printed = new Set<number>();

  constructor(
    private readonly batchId: string,
    private readonly io: CommandIo,
    private readonly json: boolean,
  ) {}

  print(recent: readonly FillView[]): void {
    const finished = recent
      .filter((f) => f.batchId === this.batchId && f.state !== 'running' && f.state !== 'recovering')
      .filter((f) => !this.printed.has(f.id))
      .sort((a, b) => a.id - b.id);
    for (const fill of finished) {
      this.printed.add(fill.id);
      this.fills.push(fill);
      this.io.out(this.json ? jsonLine(fill) : finishedFillText(fill));
    }
  }
}

/** Resolves on the next 'fill.changed' (or one seen since the last wait), an interrupt, or after `ms`. */
function changeWatch(line: LineStation, interrupt: AbortSignal) {
  let changed = false;
  let wake: (() => void) | null = null;
  const unsubscribe = line.station.events.subscribe((event) => {
    if (event !== 'fill.changed') return;
    changed = true;
    wake?.();
  });
  const onAbort = (): void => wake?.();
  interrupt.addEventListener('abort', onAbort);
  return {
    next: (ms: number): Promise<void> =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => wake?.(), ms);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          changed = false;
          resolve();
        };
        if (changed || interrupt.aborted) wake();
      }),
    stop: (): void => {
      unsubscribe();
      interrupt.removeEventListener('abort', onAbort);
    },
  };
}

/** 128 + the signal's number once interrupted (130 for Ctrl-C), else null. */
function interruptedExit(interrupt: AbortSignal): number | null {
  return interrupt.aborted ? 128 + constants.signals[interrupt.reason as Interrupt] : null;
}

async function runBatch(
  line: LineStation,
  order: WorkOrder,
  options: FillOptions,
  io: CommandIo,
  deps: FillCommandDeps,
  interrupt: AbortSignal,
): Promise<number> {
  await line.station.entropy?.settled();
  const early = interruptedExit(interrupt);
  if (early !== null) return early;
  const started = await line.call('fill.startBatch', order);
  const deadline = options.timeoutSeconds === null ? null : Date.now() + options.timeoutSeconds * 1000;
  const fills = new FinishedFills(started.id, io, options.json);
  const watch = changeWatch(line, interrupt);
  let batch: BatchView = started;
  try {
    for (;;) {
      const status = await line.call('fill.status', {});
      fills.print(status.fills);
      if (status.batch?.id === started.id) batch = status.batch;
      if (batch.state !== 'open') break;
      const timedOut = deadline !== null && Date.now() >= deadline;
      if (interruptedExit(interrupt) !== null || timedOut) {
        deps.err(
          `station fill: ${timedOut ? 'timed out' : 'interrupted'}: closing batch ${started.id}; ` +
            'fills in progress finish\n',
        );
        batch = await line.call('fill.closeBatch', { batchId: started.id });
        await line.station.fillLine?.idle();
        const final = await line.call('fill.status', {});
        fills.print(final.fills);
        if (final.batch?.id === started.id) batch = final.batch;
        break;
      }
      await watch.next(deadline === null ? POLL_MS : Math.max(0, Math.min(POLL_MS, deadline - Date.now())));
    }
  } finally {
    watch.stop();
  }
  io.out(options.json ? jsonLine({ batch, fills: fills.fills }) : batchSummary(batch));
  return interruptedExit(interrupt) ?? (batch.state === 'complete' ? EXIT_COMPLETE : EXIT_SHORT);
}

export function createFillCommand(
  deps: FillCommandDeps,
): (args: readonly string[], io: CommandIo) => Promise<number> {
  return async (args, io) => {
    const options = parseFillOptions(args);
    const order = readBatchFile(options.batchFile);
    const interrupt = new AbortController();
    const stopListening = deps.onInterrupt((signal) => interrupt.abort(signal));
    try {
      const line = await openLineStation(
        {
          command: 'fill',
          options,
          readers: options.readers,
          entropy: resolveHostEntropy(io.env),
          env: io.env,
        },
        deps,
      );
      try {
        return await runBatch(line, order, options, io, deps, interrupt.signal);
      } finally {
        await line.close();
      }
    } catch (error) {
      return cannotRun('fill', error, deps);
    } finally {
      stopListening();
    }
  };
}

function onProcessInterrupt(listener: (signal: Interrupt) => void): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = (): void => listener(signal);
    process.on(signal, handler);
    return { signal, handler };
  });
  return () => {
    for (const { signal, handler } of handlers) process.removeListener(signal, handler);
  };
}

export const fillCommand = createFillCommand({
  err: (text) => process.stderr.write(text),
  createStation,
  onInterrupt: onProcessInterrupt,
});
