// One chip's fill as a journalled state machine:
//   identify → check → draw → channel → put-keys → verify → lock → bind → done | failed(code)
// Each step is written to the fill journal (and the audit log, same transaction) before it acts.
// The drawn keys are wrapped into the journal before any is sent, so a fill interrupted by a crash
// can be finished from them when its chip comes back (recoverFill), or failed with the chip known.
// Keys live unwrapped only inside this module's calls and are zeroised in `finally`.
import { randomInt } from 'node:crypto';
import type { ChipState, FillStep } from '../../shared/fill';
import type { AuditLog } from '../audit/audit-log';
import type { ChipIdentity, ChipProfile, PoolKey } from '../chips/profiles/chip-profile';
import { AUTH_RETRY_FLOOR } from '../chips/profiles/chip-profile';
import type { SecureSession } from '../chips/secure-channel/secure-session';
import { zeroiseStaticKeys } from '../chips/secure-channel/static-keys';
import { defaultRedaction, TraceTransport } from '../chips/transport/trace';
import type { ApduTransport } from '../chips/transport/transport';
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import type { KeyHandle } from '../entropy/pool/key-handle';
import type { Db } from '../store/database';
import { fillFailureOf, FillRefusal } from './fill-failure';
import { unwrapFillKeys, wrapFillKeys, zeroisePool } from './fill-keys';
import { REFUSAL_CODES, type BatchRow, type FillRepository } from './fill-repository';

/** Key slots proved one by one after the pool check (plus the first and the last). */
export const SAMPLED_KEY_PROOFS = 8;
/** INS codes whose data carries keys, kept out of traces even outside the secure channel. */
const KEY_BEARING_INS = [0xd8, 0xe2];

export interface IssuerKey {
  /** The unwrapped KMC; the caller of issuerKey() zeroises it. */
  readonly key: Uint8Array;
  readonly kcv: string;
}

export interface KeySource {
  readonly simulated: boolean;
  takeKey(waitMs?: number): Promise<KeyHandle>;
}

export interface FillContext {
  readonly db: Db;
  readonly repo: FillRepository;
  readonly audit: AuditLog;
  readonly provider: CryptoProvider;
  readonly stationId: () => string;
  /** The store KEK (throws while the station is locked). */
  readonly storeKek: () => Uint8Array;
  readonly issuerKey: () => IssuerKey | null;
  /** Whether an issuer master key is loaded (without unwrapping it). */
  readonly hasIssuerKey: () => boolean;
  readonly entropy: KeySource | null;
  readonly now: () => Date;
  /** The fill line changed (step, progress, outcome). */
  readonly changed: () => void;
}

export interface FillJob {
  readonly fillId: number;
  readonly batch: BatchRow;
  readonly transport: ApduTransport;
  readonly profile: ChipProfile;
}

function journal(ctx: FillContext, fillId: number, step: FillStep, serial: string | null): void {
  ctx.db.transaction(() => {
    ctx.repo.setStep(fillId, step);
    ctx.audit.append({
      type: 'fill.step',
      actor: 'station',
      subject: serial ?? `fill-${fillId}`,
      details: { fill: fillId, step },
    });
  })();
  ctx.changed();
}

/** Slots to prove one by one: the first, the last and a random sample between. */
export function sampledSlots(keys: readonly PoolKey[], count = SAMPLED_KEY_PROOFS): PoolKey[] {
  if (keys.length <= count + 2) return [...keys];
  const picked = new Set<number>([0, keys.length - 1]);
  while (picked.size < count + 2) picked.add(randomInt(keys.length));
  return [...picked].sort((a, b) => a - b).flatMap((i) => (keys[i] ? [keys[i]] : []));
}

/** Pool check, then sampled per-key proofs; a mismatch is a FillRefusal naming what differed. */
export async function provePool(
  profile: ChipProfile,
  session: SecureSession,
  keys: readonly PoolKey[],
): Promise<{ proved: number }> {
  const check = await profile.checkPool(session, keys);
  if (!check.ok) {
    throw new FillRefusal(
      'POOL_MISMATCH',
      `pool check: the chip reports ${check.chipKeyCount} keys and another pool MAC than the ${check.expectedKeyCount} sent`,
    );
  }
  const failed: number[] = [];
  const sample = sampledSlots(keys);
  for (const k of sample) {
    if (!(await profile.proveKey(session, k.index, k.key))) failed.push(k.index);
  }
  if (failed.length > 0) {
    throw new FillRefusal('KEY_PROOF_FAILED', `slot(s) ${failed.join(', ')} answered a challenge wrongly`);
  }
  return { proved: sample.length };
}

async function drawKeys(ctx: FillContext, batch: BatchRow): Promise<PoolKey[]> {
  const source = ctx.entropy;
  if (!source) throw new FillRefusal('ENTROPY_UNAVAILABLE', 'no entropy source is configured');
  const keys: PoolKey[] = [];
  try {
    for (let index = 0; index < batch.pool_size; index++) {
      const handle = await source.takeKey();
      try {
        if (handle.origin.simulated !== (batch.simulated === 1)) {
          throw new FillRefusal(
            'ENTROPY_UNAVAILABLE',
            batch.simulated === 1
              ? 'a quantum key was offered to a simulation batch'
              : 'a simulated key was offered to a production batch: refused',
          );
        }
        keys.push({ index, key: await handle.use((k) => Uint8Array.from(k)) });
      } finally {
        handle.destroy();
      }
    }
    return keys;
  } catch (error) {
    zeroisePool(keys);
    throw error;
  }
}

/** The chip may be filled: not locked, not met before without a supervisor's authorisation, fits. */
function checkChip(ctx: FillContext, fillId: number, batch: BatchRow, chip: ChipIdentity): boolean {
  const bound = ctx.repo.activeBinding(chip.serial);
  if (chip.lifecycle === 'locked') {
    throw bound
      ? new FillRefusal(
          'ALREADY_BOUND',
          `chip ${chip.serial} is filled, locked and bound (batch ${bound.batch_id})`,
        )
      : new FillRefusal('CHIP_LOCKED', `chip ${chip.serial} is locked and has no binding at this station`);
  }
  const metBefore = bound !== null || ctx.repo.earlierFills(chip.serial, fillId).length > 0;
  if (metBefore && !ctx.repo.refillAuthorised(chip.serial)) {
    throw new FillRefusal(
      'REFILL_NEEDS_AUTHORISATION',
      `chip ${chip.serial} was filled or tried before; a supervisor must authorise a re-fill`,
    );
  }
  if (chip.authRetriesLeft <= AUTH_RETRY_FLOOR) {
    throw new FillRefusal(
      'AUTH_RETRIES_LOW',
      `chip ${chip.serial} has ${chip.authRetriesLeft} authentication tries left`,
    );
  }
  if (chip.capacity < batch.pool_size) {
    throw new FillRefusal(
      'CHIP_MEMORY_FULL',
      `chip has ${chip.capacity} key slots, the batch fills ${batch.pool_size}`,
    );
  }
  return metBefore;
}

interface Progress {
  serial: string | null;
  chipState: ChipState;
  /** PUT KEYS began: the chip may hold part of the pool until it completes. */
  keysSent: boolean;
  keysComplete: boolean;
}

/**
 * Opens the chip's secure channel with static keys diversified from the KMC. The unwrapped KMC and
 * the static keys are zeroised whether or not the channel opens. Shared by fill and verify.
 */
export async function openChipChannel(
  ctx: FillContext,
  profile: ChipProfile,
  transport: ApduTransport,
  serial: string,
): Promise<{ readonly session: SecureSession; readonly issuerKcv: string }> {
  const issuer = ctx.issuerKey();
  if (!issuer) throw new FillRefusal('NO_ISSUER_KEY', 'no issuer master key: run the key ceremony first');
  try {
    const staticKeys = profile.deriveStaticKeys(issuer.key, serial);
    try {
      return {
        session: await profile.openSecureChannel(transport, staticKeys, serial),
        issuerKcv: issuer.kcv,
      };
    } finally {
      zeroiseStaticKeys(staticKeys);
    }
  } finally {
    issuer.key.fill(0);
  }
}

/** Channel → put keys → verify → lock → bind, shared by a new fill and a recovered one. */
async function finishFill(
  ctx: FillContext,
  job: FillJob,
  chip: ChipIdentity,
  keys: readonly PoolKey[],
  progress: Progress,
  refill: boolean,
): Promise<void> {
  const { fillId, profile } = job;
  const { session, issuerKcv } = await openChipChannel(ctx, profile, job.transport, chip.serial);
  try {
    if (chip.lifecycle !== 'locked') {
      journal(ctx, fillId, 'put-keys', chip.serial);
      progress.keysSent = true;
      let lastReport = 0;
      await profile.putKeys(session, keys, {
        onProgress: (written, total) => {
          if (written !== total && Date.now() - lastReport < 100) return;
          lastReport = Date.now();
          ctx.repo.setKeysWritten(fillId, written);
          ctx.changed();
        },
      });
      ctx.repo.setChipState(fillId, 'filled');
      progress.chipState = 'filled';
      progress.keysComplete = true;
    }
    journal(ctx, fillId, 'verify', chip.serial);
    await provePool(profile, session, keys);
    if (chip.lifecycle !== 'locked') {
      journal(ctx, fillId, 'lock', chip.serial);
      await profile.lock(session);
    }
    ctx.repo.setChipState(fillId, 'locked');
    progress.chipState = 'locked';
    journal(ctx, fillId, 'bind', chip.serial);
    bind(ctx, job, chip.serial, keys, issuerKcv, refill);
  } finally {
    session.close();
  }
}

function bind(
  ctx: FillContext,
  job: FillJob,
  serial: string,
  keys: readonly PoolKey[],
  issuerKcv: string,
  refill: boolean,
): void {
  const { fillId, batch, profile } = job;
  const at = ctx.now().toISOString();
  const fill = ctx.repo.fill(fillId);
  const poolDigest = bytesToHex(profile.poolDigest(keys));
  ctx.db.transaction(() => {
    ctx.repo.insertBinding({
      serial,
      fillId,
      batchId: batch.id,
      profile: profile.id,
      poolSize: keys.length,
      poolDigest,
      issuerKcv,
      simulated: batch.simulated === 1,
      operator: batch.started_by,
      stationId: ctx.stationId(),
      startedAt: fill?.started_at ?? at,
      boundAt: at,
    });
    ctx.repo.setKeysWritten(fillId, keys.length);
    ctx.repo.finishFill(fillId, at);
    if (refill) ctx.repo.consumeRefill(serial);
    ctx.audit.append({
      type: 'fill.completed',
      actor: batch.started_by,
      subject: serial,
      details: {
        fill: fillId,
        batch: batch.id,
        poolSize: keys.length,
        poolDigest,
        simulated: batch.simulated === 1,
        refill,
      },
    });
    const counts = ctx.repo.batchCounts(batch.id);
    if (batch.state === 'open' && counts.filled >= batch.authorised) {
      ctx.repo.setBatchState(batch.id, 'complete', at);
      ctx.audit.append({
        type: 'batch.completed',
        actor: 'station',
        subject: batch.id,
        details: { filled: counts.filled, failed: counts.failed, refused: counts.refused },
      });
    }
  })();
  ctx.changed();
}

function fail(
  ctx: FillContext,
  fillId: number,
  batch: BatchRow,
  error: unknown,
  progress: Progress,
  trace: TraceTransport | null,
): void {
  const failure = fillFailureOf(error);
  const at = ctx.now().toISOString();
  const chipState: ChipState =
    progress.keysSent && !progress.keysComplete && progress.chipState !== 'locked'
      ? 'unknown'
      : progress.chipState;
  ctx.db.transaction(() => {
    ctx.repo.setChipState(fillId, chipState);
    ctx.repo.failFill(
      fillId,
      failure.code,
      failure.detail,
      at,
      trace ? JSON.stringify(trace.entries()) : null,
    );
    ctx.audit.append({
      type: REFUSAL_CODES.includes(failure.code) ? 'fill.refused' : 'fill.failed',
      actor: 'station',
      subject: progress.serial ?? `fill-${fillId}`,
      details: { fill: fillId, batch: batch.id, code: failure.code, detail: failure.detail, chipState },
    });
  })();
  ctx.changed();
}

function traced(job: FillJob, channelOpen: () => boolean): TraceTransport {
  return new TraceTransport(job.transport, {
    redact: defaultRedaction({ sensitiveIns: KEY_BEARING_INS, secureChannelOpen: channelOpen }),
    maxEntries: 256,
  });
}

/** A new fill of the chip in job.transport; resolves when it is done or failed (never rejects). */
export async function runFill(ctx: FillContext, job: FillJob): Promise<void> {
  const progress: Progress = { serial: null, chipState: 'unknown', keysSent: false, keysComplete: false };
  let channelOpen = false;
  const trace = traced(job, () => channelOpen);
  const tracedJob = { ...job, transport: trace };
  let keys: PoolKey[] = [];
  try {
    const chip = await job.profile.identify(trace);
    progress.serial = chip.serial;
    progress.chipState = chip.lifecycle;
    ctx.repo.setSerial(job.fillId, chip.serial, chip.lifecycle);
    journal(ctx, job.fillId, 'check', chip.serial);
    const refill = checkChip(ctx, job.fillId, job.batch, chip);
    journal(ctx, job.fillId, 'draw', chip.serial);
    keys = await drawKeys(ctx, job.batch);
    const wrapped = wrapFillKeys(ctx.provider, ctx.storeKek(), job.fillId, keys);
    ctx.db.transaction(() => {
      ctx.repo.insertFillKeys(job.fillId, wrapped);
      journal(ctx, job.fillId, 'channel', chip.serial);
    })();
    channelOpen = true;
    await finishFill(ctx, tracedJob, chip, keys, progress, refill);
  } catch (error) {
    fail(ctx, job.fillId, job.batch, error, progress, trace);
  } finally {
    zeroisePool(keys);
  }
}

/** Refuses a chip before anything is sent to it (not our chip, or the work order's count is reached). */
export function refuseFill(
  ctx: FillContext,
  fillId: number,
  batch: BatchRow,
  refusal: FillRefusal,
  chip: { readonly serial: string; readonly chipState: ChipState } | null,
): void {
  if (chip) ctx.repo.setSerial(fillId, chip.serial, chip.chipState);
  const progress: Progress = {
    serial: chip?.serial ?? null,
    chipState: chip?.chipState ?? 'unknown',
    keysSent: false,
    keysComplete: false,
  };
  fail(ctx, fillId, batch, refusal, progress, null);
}

/**
 * Finishes a fill interrupted after its keys were journalled, now that its chip is back: the
 * journalled pool is sent again (PUT KEYS overwrites in FILLED) or, on a locked chip, proved;
 * then locked and bound. Anything else fails the fill with the chip flagged.
 */
export async function recoverFill(ctx: FillContext, job: FillJob, chip: ChipIdentity): Promise<void> {
  const progress: Progress = {
    serial: chip.serial,
    chipState: chip.lifecycle,
    keysSent: true,
    keysComplete: false,
  };
  let channelOpen = false;
  const trace = traced(job, () => channelOpen);
  let keys: PoolKey[] = [];
  try {
    ctx.repo.setRunning(job.fillId);
    ctx.audit.append({
      type: 'fill.recovered',
      actor: 'station',
      subject: chip.serial,
      details: { fill: job.fillId, outcome: 'resumed', chipState: chip.lifecycle },
    });
    keys = unwrapFillKeys(ctx.provider, ctx.storeKek(), job.fillId, ctx.repo.fillKeys(job.fillId));
    if (keys.length !== job.batch.pool_size) {
      throw new FillRefusal('INTERRUPTED', 'the fill was interrupted before its keys were journalled');
    }
    journal(ctx, job.fillId, 'channel', chip.serial);
    channelOpen = true;
    await finishFill(ctx, { ...job, transport: trace }, chip, keys, progress, false);
  } catch (error) {
    fail(ctx, job.fillId, job.batch, error, progress, trace);
  } finally {
    zeroisePool(keys);
  }
}
