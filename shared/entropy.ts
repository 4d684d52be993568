// The entropy sources as the UI sees them: device state, key-pool state, health-test margins and
// the GM/T 0062 check results. Never a random byte.
import { z } from 'zod';

export const EntropySourceKind = z.enum(['quantis-usb', 'stream', 'network', 'simulation']);

const Margin = z.strictObject({ cutoff: z.number(), observed: z.number(), fraction: z.number() });

export const CheckSummary = z.strictObject({
  kind: z.enum(['power-on', 'periodic']),
  pass: z.boolean(),
  samples: z.number().int(),
  bitsPerSample: z.number().int(),
  failedItems: z.array(z.string()),
  items: z.array(
    z.strictObject({
      id: z.string(),
      samples: z.number().int(),
      passed: z.number().int(),
      minimumPassing: z.number().int(),
      uniformityP: z.number(),
      pass: z.boolean(),
    }),
  ),
  startedAt: z.iso.datetime(),
  durationMs: z.number(),
});
export type CheckSummary = z.infer<typeof CheckSummary>;

/** One point of the health/p-value history plotted on the Devices screen. */
export const EntropySample = z.strictObject({
  at: z.iso.datetime(),
  repetitionFraction: z.number(),
  proportionFraction: z.number(),
  /** P-value of the latest draw (poker) check, null before any draw. */
  drawP: z.number().min(0).max(1).nullable(),
});

export const EntropySourceView = z.strictObject({
  id: z.string(),
  kind: EntropySourceKind,
  name: z.string(),
  /** Simulation (OS CSPRNG): for the demo line only, never for production bindings. */
  simulated: z.boolean(),
  deviceState: z.enum(['closed', 'opening', 'ready', 'failed']),
  deviceDetail: z.string().nullable(),
  bytesPerSecond: z.number().nonnegative(),
  poolState: z.enum(['stopped', 'starting', 'ready', 'checking', 'failed']),
  /** Why key issue stopped, in plain words; null while it may issue. */
  failure: z.strictObject({ reason: z.string(), message: z.string() }).nullable(),
  availableBytes: z.number().int().nonnegative(),
  health: z.strictObject({
    state: z.enum(['startup', 'healthy', 'failed', 'acknowledged']),
    samples: z.number().int().nonnegative(),
    repetitionCount: Margin,
    adaptiveProportion: Margin,
  }),
  powerOn: CheckSummary.nullable(),
  periodic: CheckSummary.nullable(),
  draws: z.strictObject({ passed: z.number().int(), failed: z.number().int() }),
  history: z.array(EntropySample).max(240),
});
export type EntropySourceView = z.infer<typeof EntropySourceView>;
