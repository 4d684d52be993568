// Verify: identify the chip in a reader, find its active binding, and prove what it holds against
// the binding's journalled keys (pool check under a fresh challenge, then sampled per-key
// challenge–response). Reports mismatches precisely; never returns or logs a key.
import type { VerifyReport } from '../../shared/fill';
import type { ChipProfile } from '../chips/profiles/chip-profile';
import type { SecureSession } from '../chips/secure-channel/secure-session';
import type { ApduTransport } from '../chips/transport/transport';
import type { FillContext } from './chip-fill';
import { openChipChannel, sampledSlots } from './chip-fill';
import { fillFailureOf } from './fill-failure';
import { unwrapFillKeys, zeroisePool } from './fill-keys';

/** The report of a verification that could not run (nothing known of the chip yet). */
export function verifyError(reader: string, detail: string): VerifyReport {
  return {
    reader,
    serial: null,
    chipState: 'unknown',
    binding: null,
    poolCheck: 'not-run',
    keysProved: 0,
    failedKeys: [],
    verdict: 'error',
    detail,
  };
}

/** Slots proved one by one when verifying (plus the first and the last). */
export const VERIFY_KEY_PROOFS = 16;

export async function verifyChip(
  ctx: FillContext,
  reader: string,
  transport: ApduTransport,
  profile: ChipProfile,
): Promise<VerifyReport> {
  const report = verifyError(reader, '');
  let keys: ReturnType<typeof unwrapFillKeys> = [];
  let session: SecureSession | null = null;
  try {
    const chip = await profile.identify(transport);
    Object.assign(report, { serial: chip.serial, chipState: chip.lifecycle });
    const bound = ctx.repo.activeBinding(chip.serial);
    if (!bound) {
      return {
        ...report,
        verdict: chip.lifecycle === 'blank' ? 'not-filled' : 'unbound',
        detail:
          chip.lifecycle === 'blank'
            ? 'The chip is blank: it has not been filled.'
            : 'This station has no binding for this chip.',
      };
    }
    report.binding = {
      batchId: bound.batch_id,
      workOrder: bound.work_order,
      boundAt: bound.bound_at,
      operator: bound.operator,
      poolSize: bound.pool_size,
      poolDigest: bound.pool_digest,
      simulated: bound.simulated === 1,
      sync: bound.sync_state ?? 'pending',
    };
    if (!ctx.hasIssuerKey()) {
      return { ...report, detail: 'No issuer master key: the secure channel cannot be opened.' };
    }
    keys = unwrapFillKeys(ctx.provider, ctx.storeKek(), bound.fill_id, ctx.repo.fillKeys(bound.fill_id));
    session = (await openChipChannel(ctx, profile, transport, chip.serial)).session;
    const check = await profile.checkPool(session, keys);
    report.poolCheck = check.ok ? 'match' : 'mismatch';
    for (const k of sampledSlots(keys, VERIFY_KEY_PROOFS)) {
      if (await profile.proveKey(session, k.index, k.key)) report.keysProved++;
      else report.failedKeys.push(k.index);
    }
    const genuine = check.ok && report.failedKeys.length === 0;
    return {
      ...report,
      verdict: genuine ? 'genuine' : 'mismatch',
      detail: genuine
        ? `The chip holds the ${keys.length} keys of its binding (pool check and ${report.keysProved} key proofs).`
        : check.ok
          ? `Key slot(s) ${report.failedKeys.join(', ')} do not hold the bound keys.`
          : `The chip's pool differs from its binding (chip reports ${check.chipKeyCount} keys, binding has ${check.expectedKeyCount}).`,
    };
  } catch (error) {
    const failure = fillFailureOf(error);
    return { ...report, verdict: 'error', detail: `${failure.code}: ${failure.detail}` };
  } finally {
    session?.close();
    zeroisePool(keys);
  }
}
