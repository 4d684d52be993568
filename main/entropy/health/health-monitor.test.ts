// The health monitor's state machine: nothing is released during start-up, a failure stops output at
// once and is only cleared by an acknowledgement followed by a fresh, passing start-up test.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HealthMonitor, type HealthEvent } from './health-monitor';

const config = { samples: 'bytes', minEntropy: 4, startupSamples: 4096 } as const;

function healthy(): HealthMonitor {
  const monitor = new HealthMonitor(config);
  expect(monitor.process(randomBytes(4096))).toBe('startup');
  expect(monitor.state).toBe('healthy');
  return monitor;
}

describe('HealthMonitor', () => {
  it('withholds the start-up samples, then passes good output', () => {
    const monitor = new HealthMonitor(config);
    expect(monitor.state).toBe('startup');
    expect(monitor.process(randomBytes(2048))).toBe('startup');
    expect(monitor.state).toBe('startup');
    expect(monitor.process(randomBytes(2048))).toBe('startup');
    expect(monitor.state).toBe('healthy');
    expect(monitor.process(randomBytes(1024))).toBe('pass');
  });

  it('fails on the chunk that trips, refuses everything after, and names the test and sample', () => {
    const monitor = healthy();
    const events: HealthEvent[] = [];
    monitor.on((e) => events.push(e));
    const chunk = randomBytes(1000);
    chunk.set([8, 7, 7, 7, 7, 7, 7], 499);
    expect(monitor.process(chunk)).toBe('fail');
    expect(monitor.state).toBe('failed');
    const failure = {
      test: 'repetition-count',
      phase: 'continuous',
      sample: 4096 + 505,
      observed: 6,
      cutoff: 6,
    };
    expect(monitor.failure).toEqual(failure);
    expect(events).toEqual([
      { type: 'state', state: 'failed' },
      { type: 'failure', failure },
    ]);
    expect(monitor.process(randomBytes(1000))).toBe('refused');
  });

  it('clears only through acknowledged → start-up testing → healthy', () => {
    const monitor = healthy();
    expect(monitor.process(new Uint8Array(64))).toBe('fail');
    expect(() => monitor.startUp()).toThrow(/acknowledge/);
    monitor.acknowledge();
    expect(monitor.state).toBe('acknowledged');
    expect(monitor.process(randomBytes(64))).toBe('refused');
    monitor.startUp();
    expect(monitor.state).toBe('startup');
    expect(monitor.failure).toBeNull();
    expect(monitor.process(randomBytes(4096))).toBe('startup');
    expect(monitor.state).toBe('healthy');
    expect(monitor.process(randomBytes(64))).toBe('pass');
  });

  it('a trip during start-up fails too', () => {
    const monitor = new HealthMonitor(config);
    expect(monitor.process(new Uint8Array(64).fill(1))).toBe('fail');
    expect(monitor.failure?.phase).toBe('startup');
  });

  it('reports margins against the cutoffs and starts a new interval on reset', () => {
    const monitor = healthy();
    const chunk = randomBytes(1024);
    chunk.set([4, 3, 3, 3, 3, 3, 4], 9);
    expect(monitor.process(chunk)).toBe('pass');
    const margins = monitor.margins(true);
    expect(margins.repetitionCount).toEqual({ cutoff: 6, observed: 5, fraction: 5 / 6 });
    expect(margins.adaptiveProportion.cutoff).toBe(62);
    expect(margins.adaptiveProportion.window).toBe(512);
    expect(margins.adaptiveProportion.observed).toBeGreaterThanOrEqual(1);
    expect(monitor.margins().repetitionCount.observed).toBeLessThan(5);
  });

  it('refuses a start-up test shorter than SP 800-90B’s 1024 samples', () => {
    expect(() => new HealthMonitor({ ...config, startupSamples: 1000 })).toThrow(RangeError);
  });
});
