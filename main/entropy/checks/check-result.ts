// What the GM/T 0062-2018 checks produce, as plain data for the store, the audit trail and the UI.

export type SampleCheckKind = 'power-on' | 'periodic';

/** One GM/T 0005 item judged over the check's samples (GM/T 0005 §6.3). */
export interface CheckItemResult {
  /** The item's id in the suite report, e.g. 'monobit', 'poker_m4', 'serial_m3_p1'. */
  readonly id: string;
  readonly samples: number;
  readonly passed: number;
  readonly minimumPassing: number;
  /** P_T of the Q-values' ten-bin uniformity χ². */
  readonly uniformityP: number;
  readonly pass: boolean;
}

/** A power-on or periodic check: s samples of a fixed length, every item judged over them. */
export interface SampleCheckResult {
  readonly kind: SampleCheckKind;
  readonly standard: 'GM/T 0062-2018';
  readonly samples: number;
  readonly bitsPerSample: number;
  readonly items: readonly CheckItemResult[];
  /** Ids of the items that failed (empty when the check passed). */
  readonly failedItems: readonly string[];
  readonly pass: boolean;
  /** ISO 8601 time the check started, and how long it took. */
  readonly startedAt: string;
  readonly durationMs: number;
}

/** The poker check on one draw (block) of output. */
export interface DrawCheckResult {
  readonly kind: 'draw';
  readonly standard: 'GM/T 0062-2018';
  readonly bits: number;
  readonly m: number;
  readonly p: number;
  readonly pass: boolean;
}

export type CheckResult = SampleCheckResult | DrawCheckResult;
