// The station's one entropy source as a service: builds the configured driver and its key pool,
// starts them (start-up health test + GM/T 0062 power-on check), runs the periodic check on a timer,
// keeps a short history of health margins and draw p-values for the Devices screen, and reports
// every check, failure and recovery to the station (which audits them and raises or clears the
// ENTROPY_FAILED alarm). While idle, a local device is still read (one block per monitor tick,
// health-tested and discarded) so that its health tests run continuously. A failure needs an
// operator's acknowledgement; the device is then reopened (what it buffered during the fault is
// dropped) and the pool runs a fresh start-up test and power-on check. Key issue goes through
// takeKey() only; there is no fallback.
import type { CheckSummary, EntropySourceView } from '../../shared/entropy';
import type { SampleCheckResult } from './checks/check-result';
import type { EntropyConfig } from './entropy-config';
import type { EntropySource } from './entropy-source';
import { EntropyUnavailableError } from './pool/entropy-unavailable-error';
import type { KeyHandle } from './pool/key-handle';
import { KeyPool, type KeyPoolFailure } from './pool/key-pool';
import { createEntropySource } from './sources/create-source';

export const HISTORY_POINTS = 240;
export const HISTORY_INTERVAL_MS = 5000;
/** One block per tick keeps a local device under test: 4 KiB / 100 ms is 330 kbit/s. */
export const DEFAULT_MONITOR_INTERVAL_MS = 100;

export interface EntropyReporter {
  /** The pool passed its start-up test and power-on check and may issue keys. */
  readonly ready: (result: SampleCheckResult) => void;
  /** A power-on or periodic check finished (each attempt), passed or not. */
  readonly checked: (result: SampleCheckResult) => void;
  /** Key issue stopped: the source, a health test or a check failed. */
  readonly failed: (failure: KeyPoolFailure) => void;
  /** The view changed (state, margins, a check): for the UI. */
  readonly changed: (view: EntropySourceView) => void;
}

export interface EntropyServiceOptions {
  readonly id: string;
  readonly config: EntropyConfig;
  readonly reporter: EntropyReporter;
  readonly createSource?: (config: EntropyConfig['source']) => Promise<EntropySource>;
  readonly now?: () => Date;
  readonly historyIntervalMs?: number;
  /** Idle monitoring period; 0 turns it off (a network QRNG is asked only for what is used). */
  readonly monitorIntervalMs?: number;
}

interface DeviceProblem {
  readonly reason: string;
  readonly message: string;
}

function summary(result: SampleCheckResult | null): CheckSummary | null {
  if (!result) return null;
  return {
    kind: result.kind,
    pass: result.pass,
    samples: result.samples,
    bitsPerSample: result.bitsPerSample,
    failedItems: [...result.failedItems],
    items: result.items.map((item) => ({ ...item })),
    startedAt: result.startedAt,
    durationMs: result.durationMs,
  };
}

export class EntropyService {
  readonly id: string;
  private readonly config: EntropyConfig;
  private readonly reporter: EntropyReporter;
  private readonly createSource: (config: EntropyConfig['source']) => Promise<EntropySource>;
  private readonly now: () => Date;
  private readonly historyIntervalMs: number;
  private readonly monitorIntervalMs: number;
  private monitorTimer: NodeJS.Timeout | null = null;
  private pool: KeyPool | null = null;
  private source: EntropySource | null = null;
  private deviceProblem: DeviceProblem | null = null;
  private starting: Promise<void> | null = null;
  private periodicTimer: NodeJS.Timeout | null = null;
  private historyTimer: NodeJS.Timeout | null = null;
  private readonly history: EntropySourceView['history'] = [];
  private draws = { passed: 0, failed: 0 };
  private lastDrawP: number | null = null;
  private closed = false;

  constructor(options: EntropyServiceOptions) {
    this.id = options.id;
    this.config = options.config;
    this.reporter = options.reporter;
    this.createSource = options.createSource ?? ((config) => createEntropySource(config));
    this.now = options.now ?? (() => new Date());
    this.historyIntervalMs = options.historyIntervalMs ?? HISTORY_INTERVAL_MS;
    this.monitorIntervalMs =
      options.monitorIntervalMs ??
      (options.config.source.kind === 'network' ? 0 : DEFAULT_MONITOR_INTERVAL_MS);
  }

  get simulated(): boolean {
    return this.config.source.kind === 'simulation';
  }

  /** Builds the source and pool (once) and starts the pool; a failure is reported, never thrown. */
  start(): Promise<void> {
    this.starting ??= this.startOnce().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Waits for a start in progress (tests, shutdown). */
  async settled(): Promise<void> {
    await this.starting;
  }

  /**
   * The operator has seen the failure: reopen the device and start again (fresh start-up test and
   * power-on check); the view returned shows the pool starting.
   */
  acknowledge(): EntropySourceView {
    if (this.pool?.state === 'failed') this.pool.acknowledge();
    else if (!this.deviceProblem) throw new Error('nothing to acknowledge: the source has not failed');
    this.deviceProblem = null;
    const source = this.source;
    this.starting ??= (async () => {
      if (source && this.pool) await source.close().catch(() => undefined);
      await this.startOnce();
    })().finally(() => {
      this.starting = null;
    });
    return this.view();
  }

  get failed(): boolean {
    return this.deviceProblem !== null || this.pool?.state === 'failed';
  }

  /** A fresh key from checked quantum output, or EntropyUnavailableError; never another source. */
  takeKey(waitMs?: number): Promise<KeyHandle> {
    if (!this.pool) {
      return Promise.reject(
        new EntropyUnavailableError('source-failed', this.deviceProblem?.message ?? 'the source is not open'),
      );
    }
    return this.pool.takeKey(waitMs);
  }

  view(): EntropySourceView {
    const status = this.source?.status();
    const pool = this.pool?.status();
    const failure =
      this.deviceProblem ??
      (pool?.failure ? { reason: pool.failure.reason, message: pool.failure.message } : null);
    const health = pool?.health;
    return {
      id: this.id,
      kind: this.config.source.kind,
      name: status?.name ?? this.config.source.kind,
      simulated: this.simulated,
      deviceState: this.deviceProblem ? 'failed' : (status?.state ?? 'closed'),
      deviceDetail: this.deviceProblem?.message ?? status?.detail ?? null,
      bytesPerSecond: this.source?.rate() ?? 0,
      poolState: this.deviceProblem ? 'failed' : (pool?.state ?? 'stopped'),
      failure,
      availableBytes: pool?.availableBytes ?? 0,
      health: {
        state: health?.state ?? 'startup',
        samples: health?.samples ?? 0,
        repetitionCount: health?.repetitionCount ?? { cutoff: 0, observed: 0, fraction: 0 },
        adaptiveProportion: health
          ? {
              cutoff: health.adaptiveProportion.cutoff,
              observed: health.adaptiveProportion.observed,
              fraction: health.adaptiveProportion.fraction,
            }
          : { cutoff: 0, observed: 0, fraction: 0 },
      },
      powerOn: summary(pool?.lastPowerOn ?? null),
      periodic: summary(pool?.lastPeriodic ?? null),
      draws: { ...this.draws },
      history: [...this.history],
    };
  }

  /** Runs the periodic check now (also on the timer); a failure is reported, never thrown. */
  async runPeriodicCheck(): Promise<void> {
    if (this.pool?.state !== 'ready') return;
    try {
      await this.pool.runPeriodicCheck();
    } catch (error) {
      if (!(error instanceof EntropyUnavailableError)) throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.periodicTimer) clearInterval(this.periodicTimer);
    if (this.historyTimer) clearInterval(this.historyTimer);
    if (this.monitorTimer) clearInterval(this.monitorTimer);
    await this.starting?.catch(() => undefined);
    if (this.pool) await this.pool.close();
    else if (this.source) await this.source.close();
  }

  private async startOnce(): Promise<void> {
    if (this.closed) return;
    if (!this.pool) {
      try {
        this.source = await this.createSource(this.config.source);
      } catch (error) {
        this.deviceProblem = {
          reason: 'source-failed',
          message: error instanceof Error ? error.message : String(error),
        };
        this.reporter.failed({ reason: 'source-failed', message: this.deviceProblem.message, health: null });
        this.changed();
        return;
      }
      this.pool = this.buildPool(this.source);
      this.startTimers();
    }
    if (this.pool.state !== 'stopped') return;
    try {
      const result = await this.pool.start();
      this.reporter.ready(result);
    } catch (error) {
      if (!(error instanceof EntropyUnavailableError)) throw error;
    }
    this.changed();
  }

  private buildPool(source: EntropySource): KeyPool {
    const pool = new KeyPool({
      source,
      health: this.config.health,
      ...(this.config.checkAttempts === undefined ? {} : { checkAttempts: this.config.checkAttempts }),
    });
    pool.on((event) => {
      if (event.type === 'state') {
        if (event.state === 'failed' && event.failure) this.reporter.failed(event.failure);
        this.changed();
      } else if (event.type === 'check') {
        if (event.result.kind === 'draw') {
          if (event.result.pass) this.draws.passed++;
          else this.draws.failed++;
          this.lastDrawP = event.result.p;
        } else {
          this.reporter.checked(event.result);
          this.changed();
        }
      }
    });
    return pool;
  }

  private startTimers(): void {
    this.periodicTimer = setInterval(
      () => void this.runPeriodicCheck(),
      this.config.periodicMinutes * 60_000,
    );
    this.periodicTimer.unref();
    this.historyTimer = setInterval(() => {
      this.recordHistory();
    }, this.historyIntervalMs);
    this.historyTimer.unref();
    if (this.monitorIntervalMs > 0) {
      let busy = false;
      this.monitorTimer = setInterval(() => {
        if (busy || !this.pool) return;
        busy = true;
        void this.pool.monitorIdle().finally(() => {
          busy = false;
        });
      }, this.monitorIntervalMs);
      this.monitorTimer.unref();
    }
  }

  private recordHistory(): void {
    if (!this.pool) return;
    const margins = this.pool.takeHealthMargins();
    this.history.push({
      at: this.now().toISOString(),
      repetitionFraction: margins.repetitionCount.fraction,
      proportionFraction: margins.adaptiveProportion.fraction,
      drawP: this.lastDrawP,
    });
    if (this.history.length > HISTORY_POINTS) this.history.splice(0, this.history.length - HISTORY_POINTS);
    this.changed();
  }

  private changed(): void {
    if (!this.closed) this.reporter.changed(this.view());
  }
}
