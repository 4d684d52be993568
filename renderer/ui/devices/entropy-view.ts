// Pure wording helpers of the Devices screen: byte rates as kbit/s or Mbit/s, health-test margins
// as bar levels (calm until close to the cutoff; 1 means failure), the health history as SVG
// paths, and which sources make the station a simulation line.
import type { EntropySourceView } from '../../../shared/entropy';
import type { Language } from '../../../shared/settings';

/** A rate in bytes per second, written as kbit/s below 1 Mbit/s and as Mbit/s from there on. */
export function formatRate(bytesPerSecond: number, language: Language): string {
  const bits = Number.isFinite(bytesPerSecond) && bytesPerSecond > 0 ? bytesPerSecond * 8 : 0;
  const [value, unit] = bits >= 1_000_000 ? [bits / 1_000_000, 'Mbit/s'] : [bits / 1000, 'kbit/s'];
  const digits = value === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${unit}`;
}

/** A fraction held to 0…1 (NaN counts as 0), for drawing. */
export function clampFraction(fraction: number): number {
  if (!Number.isFinite(fraction)) return fraction === Infinity ? 1 : 0;
  return Math.min(1, Math.max(0, fraction));
}

export type MarginLevel = 'normal' | 'near' | 'failed';

/** ISA-101: a margin is quiet until it comes near its cutoff (≥ 0.8), loud once it reaches it. */
export function marginLevel(fraction: number): MarginLevel {
  if (fraction >= 1) return 'failed';
  if (fraction >= 0.8) return 'near';
  return 'normal';
}

export function marginBarClass(fraction: number): string {
  return `margin-bar margin-${marginLevel(fraction)}`;
}

export function formatPercent(fraction: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    Number.isFinite(fraction) ? fraction : 0,
  );
}

export interface PlotPoint {
  readonly at: string;
  readonly value: number;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * An SVG path through the points in a width × height box: time runs left to right (evenly by
 * index when the times do not spread), the value (clamped to 0…1) bottom to top, so the top edge is
 * the failure line. Empty for no points; one point draws a flat line across.
 */
export function historyPath(points: readonly PlotPoint[], width: number, height: number): string {
  if (points.length === 0) return '';
  const times = points.map((p) => Date.parse(p.at));
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? 0;
  const byTime = times.every(Number.isFinite) && last > first;
  const y = (value: number) => round(height - clampFraction(value) * height);
  if (points.length === 1) {
    const only = y(points[0]?.value ?? 0);
    return `M0 ${only} L${width} ${only}`;
  }
  return points
    .map((p, i) => {
      const t = byTime ? ((times[i] ?? first) - first) / (last - first) : i / (points.length - 1);
      return `${i === 0 ? 'M' : 'L'}${round(t * width)} ${y(p.value)}`;
    })
    .join(' ');
}

export function historySeries(
  history: EntropySourceView['history'],
  key: 'repetitionFraction' | 'proportionFraction' | 'drawP',
): PlotPoint[] {
  return history.flatMap((sample) => {
    const value = sample[key];
    return value === null ? [] : [{ at: sample.at, value }];
  });
}

export function anySimulated(sources: readonly EntropySourceView[] | null): boolean {
  return (sources ?? []).some((source) => source.simulated);
}

export type PoolTone = 'quiet' | 'busy' | 'failed';

/** Ready is quiet; stopped, starting and checking issue no keys (busy); failed is loud. */
export function poolTone(state: EntropySourceView['poolState']): PoolTone {
  if (state === 'ready') return 'quiet';
  if (state === 'failed') return 'failed';
  return 'busy';
}
