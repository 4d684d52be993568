// The station's entropy configuration, from STATION_ENTROPY: "none" (no source: key issue refused),
// or JSON naming the source (main/entropy/sources/source-config.ts) plus its health-test claim,
// how often the GM/T 0062 periodic check runs, and how many attempts a failed check gets.
// The hosts default to the simulation source (the demo line); tests default to none.
import { z } from 'zod';
import { entropySourceConfigSchema, type EntropySourceConfig } from './sources/source-config';
import type { HealthConfig } from './health/health-monitor';

/** SP 800-90B allows α from 2^-20 to 2^-40; at 2^-20 a byte source trips about once per MiB read. */
export const DEFAULT_ALPHA_EXPONENT = 40;
export const DEFAULT_PERIODIC_MINUTES = 60;

const healthSchema = z.strictObject({
  samples: z.enum(['bits', 'bytes']),
  minEntropy: z.number().positive(),
  alphaExponent: z.number().int().min(20).max(40).optional(),
});

const optionsSchema = z.object({
  health: healthSchema.optional(),
  periodicMinutes: z
    .number()
    .positive()
    .max(24 * 60)
    .optional(),
  checkAttempts: z.number().int().min(1).max(5).optional(),
});

export interface EntropyConfig {
  readonly source: EntropySourceConfig;
  readonly health: HealthConfig;
  readonly periodicMinutes: number;
  readonly checkAttempts?: number;
}

export const SIMULATION_ENTROPY: EntropyConfig = {
  source: { kind: 'simulation' },
  health: { samples: 'bytes', minEntropy: 8, alphaExponent: DEFAULT_ALPHA_EXPONENT },
  periodicMinutes: DEFAULT_PERIODIC_MINUTES,
};

/** A device's claim when the configuration gives none: bytes at H = 7 bits per byte. */
const DEFAULT_DEVICE_HEALTH: HealthConfig = {
  samples: 'bytes',
  minEntropy: 7,
  alphaExponent: DEFAULT_ALPHA_EXPONENT,
};

export class EntropyConfigError extends Error {
  override readonly name = 'EntropyConfigError';
}

/** Parses STATION_ENTROPY; undefined gives `fallback`, "none" gives null. */
export function parseEntropyConfig(
  text: string | undefined,
  fallback: EntropyConfig | null,
): EntropyConfig | null {
  const trimmed = text?.trim();
  if (trimmed === undefined || trimmed === '') return fallback;
  if (trimmed === 'none') return null;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new EntropyConfigError('STATION_ENTROPY is neither "none" nor JSON.');
  }
  const source = entropySourceConfigSchema.safeParse(json);
  const options = optionsSchema.safeParse(json);
  const problem = source.error?.issues[0] ?? options.error?.issues[0];
  if (!source.success || !options.success) {
    throw new EntropyConfigError(
      `STATION_ENTROPY is invalid at ${problem?.path.join('.') || '(root)'}: ${problem?.message ?? ''}`,
    );
  }
  const health: HealthConfig = options.data.health
    ? { alphaExponent: DEFAULT_ALPHA_EXPONENT, ...options.data.health }
    : source.data.kind === 'simulation'
      ? SIMULATION_ENTROPY.health
      : DEFAULT_DEVICE_HEALTH;
  return {
    source: source.data,
    health,
    periodicMinutes: options.data.periodicMinutes ?? DEFAULT_PERIODIC_MINUTES,
    ...(options.data.checkAttempts === undefined ? {} : { checkAttempts: options.data.checkAttempts }),
  };
}
