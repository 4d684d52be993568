// The checks the key pool runs, behind one small interface: GM/T 0062-2018 on the GM/T 0005 battery by
// default (gmt0062Checks); tests of the pool's own logic may substitute quicker stand-ins.
import type { DrawCheckResult, SampleCheckResult } from './check-result';
import {
  checkBytes,
  DEFAULT_DRAW_POKER_M,
  PERIODIC_CHECK,
  POWER_ON_CHECK,
  runDrawCheck,
  runSampleCheck,
  type PokerM,
} from './gmt0062';

export interface CheckRunner {
  /** Bytes the power-on and periodic checks consume. */
  readonly powerOnBytes: number;
  readonly periodicBytes: number;
  powerOn(data: Uint8Array): Promise<SampleCheckResult>;
  periodic(data: Uint8Array): Promise<SampleCheckResult>;
  draw(block: Uint8Array): DrawCheckResult;
}

export function gmt0062Checks(drawPokerM: PokerM = DEFAULT_DRAW_POKER_M): CheckRunner {
  return {
    powerOnBytes: checkBytes(POWER_ON_CHECK),
    periodicBytes: checkBytes(PERIODIC_CHECK),
    powerOn: (data) => runSampleCheck(POWER_ON_CHECK, data),
    periodic: (data) => runSampleCheck(PERIODIC_CHECK, data),
    draw: (block) => runDrawCheck(block, drawPokerM),
  };
}
