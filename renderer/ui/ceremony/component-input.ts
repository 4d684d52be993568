// Reading a key component as its custodian types it (32 hex digits, spaces allowed) and the KCV
// from the custodian's sheet (6 hex digits), without ever keeping the component: these helpers
// only look at the text they are given.
export const COMPONENT_DIGITS = 32;
export const KCV_DIGITS = 6;

export function normalizeHex(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

export interface ComponentReading {
  /** Hex digits typed so far. */
  readonly digits: number;
  /** Something other than hex digits and spaces was typed. */
  readonly foreign: boolean;
  /** Exactly 32 hex digits: ready to check and submit. */
  readonly complete: boolean;
}

export function readComponent(text: string): ComponentReading {
  const compact = normalizeHex(text);
  const foreign = /[^0-9a-f]/.test(compact);
  const digits = compact.replace(/[^0-9a-f]/g, '').length;
  return { digits, foreign, complete: !foreign && digits === COMPONENT_DIGITS };
}

export function isKcv(text: string): boolean {
  return new RegExp(`^[0-9a-f]{${KCV_DIGITS}}$`).test(normalizeHex(text));
}

export type KcvComparison = 'pending' | 'match' | 'mismatch';

/** Compares the KCV of what was typed (once known) with the KCV from the sheet (once complete). */
export function compareKcv(live: string | null, sheet: string): KcvComparison {
  if (live === null || !isKcv(sheet)) return 'pending';
  return normalizeHex(live) === normalizeHex(sheet) ? 'match' : 'mismatch';
}

/** A KCV as people read it off a sheet: upper case, in pairs ("7F 3A 1C"). */
export function displayKcv(kcv: string): string {
  return (
    normalizeHex(kcv)
      .toUpperCase()
      .match(/.{1,2}/g)
      ?.join(' ') ?? ''
  );
}
