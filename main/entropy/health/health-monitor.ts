// SP 800-90B §4.3–4.4 health testing of one source's raw output as a small state machine:
//   startup ──(start-up samples pass)──▶ healthy ──(a test trips)──▶ failed
//   failed ──acknowledge()──▶ acknowledged ──startUp()──▶ startup
// startUp() also re-runs the start-up test from healthy (a reopened source), never from failed.
// A trip during start-up also fails. Only chunks judged 'pass' (state healthy, every sample tested)
// may be used; the chunk in which a test trips, and everything after it, is never released.
import { ContinuousTests, type HealthTestName, type SampleKind } from './continuous-tests';

export type HealthState = 'startup' | 'healthy' | 'failed' | 'acknowledged';

export interface HealthConfig {
  /** 'bits' for a binary source (H ≤ 1 per bit), 'bytes' for a byte-sample source (H ≤ 8 per byte). */
  readonly samples: SampleKind;
  /** Claimed min-entropy per sample, H (configured per device). */
  readonly minEntropy: number;
  /** -log2 of the false-positive rate α: 20 (the default) to 40, as SP 800-90B allows. */
  readonly alphaExponent?: number;
  /** Samples the start-up test covers before any output is released; SP 800-90B asks for ≥ 1024. */
  readonly startupSamples?: number;
}

export const DEFAULT_STARTUP_SAMPLES = 4096;
export const MIN_STARTUP_SAMPLES = 1024;

export interface HealthFailure {
  readonly test: HealthTestName;
  /** 'startup' when the start-up test tripped, else 'continuous'. */
  readonly phase: 'startup' | 'continuous';
  /** Index of the tripping sample, counted from the start of the current start-up test. */
  readonly sample: number;
  readonly observed: number;
  readonly cutoff: number;
}

export interface TestMargin {
  readonly cutoff: number;
  /** Highest run (RCT) or window count (APT) seen since the last margin reset. */
  readonly observed: number;
  /** observed / cutoff: 1 would be a failure. */
  readonly fraction: number;
}

export interface HealthMargins {
  readonly state: HealthState;
  readonly samples: number;
  readonly repetitionCount: TestMargin;
  readonly adaptiveProportion: TestMargin & { readonly window: number };
}

/** How a chunk was judged: 'pass' may be used; 'startup' was consumed by the start-up test; 'fail'
 * tripped a test; 'refused' was not tested because the monitor is failed or awaiting start-up. */
export type HealthVerdict = 'pass' | 'startup' | 'fail' | 'refused';

export type HealthEvent =
  | { readonly type: 'state'; readonly state: HealthState }
  | { readonly type: 'failure'; readonly failure: HealthFailure };

function margin(cutoff: number, observed: number): TestMargin {
  return { cutoff, observed, fraction: observed / cutoff };
}

export class HealthMonitor {
  private readonly tests: ContinuousTests;
  private readonly startupSamples: number;
  private current: HealthState = 'startup';
  private lastFailure: HealthFailure | null = null;
  private readonly listeners = new Set<(event: HealthEvent) => void>();

  constructor(readonly config: HealthConfig) {
    this.tests = new ContinuousTests(config.samples, config.minEntropy, config.alphaExponent);
    this.startupSamples = config.startupSamples ?? DEFAULT_STARTUP_SAMPLES;
    if (!(this.startupSamples >= MIN_STARTUP_SAMPLES)) {
      throw new RangeError(`the start-up test needs at least ${MIN_STARTUP_SAMPLES} samples`);
    }
  }

  get state(): HealthState {
    return this.current;
  }

  /** The failure that put the monitor in 'failed' (kept until the next start-up test). */
  get failure(): HealthFailure | null {
    return this.lastFailure;
  }

  get cutoffs(): { readonly repetitionCount: number; readonly adaptiveProportion: number } {
    return { repetitionCount: this.tests.rctCutoff, adaptiveProportion: this.tests.aptCutoff };
  }

  on(listener: (event: HealthEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Test a chunk of raw output. Only 'pass' means the chunk may be used. */
  process(chunk: Uint8Array): HealthVerdict {
    if (this.current === 'failed' || this.current === 'acknowledged') return 'refused';
    const phase = this.current === 'startup' ? 'startup' : 'continuous';
    const trip = this.tests.test(chunk);
    if (trip !== null) {
      this.lastFailure = { ...trip, phase };
      this.setState('failed');
      this.emit({ type: 'failure', failure: this.lastFailure });
      return 'fail';
    }
    if (phase === 'continuous') return 'pass';
    if (this.tests.samplesTested >= this.startupSamples) this.setState('healthy');
    return 'startup';
  }

  /** The operator has seen the failure: failed → acknowledged. */
  acknowledge(): void {
    if (this.current !== 'failed')
      throw new Error(`nothing to acknowledge: the health state is ${this.current}`);
    this.setState('acknowledged');
  }

  /**
   * A fresh start-up test: after an acknowledged failure (acknowledged → startup), or when the source is
   * reopened. Refused while failed: a failure must be acknowledged first.
   */
  startUp(): void {
    if (this.current === 'failed')
      throw new Error('acknowledge the health-test failure before a start-up test');
    this.tests.restart();
    this.lastFailure = null;
    this.setState('startup');
  }

  /** How close each test came to its cutoff since the last call with reset (for the UI plot). */
  margins(reset = false): HealthMargins {
    const { maxRun, maxCount } = this.tests.extremes();
    const result: HealthMargins = {
      state: this.current,
      samples: this.tests.samplesTested,
      repetitionCount: margin(this.tests.rctCutoff, maxRun),
      adaptiveProportion: { ...margin(this.tests.aptCutoff, maxCount), window: this.tests.window },
    };
    if (reset) this.tests.resetExtremes();
    return result;
  }

  private setState(state: HealthState): void {
    this.current = state;
    this.emit({ type: 'state', state });
  }

  private emit(event: HealthEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
