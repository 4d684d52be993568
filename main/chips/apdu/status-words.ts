// The one table from status words to typed errors. Every layer that checks a status word goes
// through requireSuccess, so a status means the same thing (and gets the same operator message
// code) whichever command returned it. Entries match SW & mask === sw, first match wins.
import { parseResponseApdu, SW_SUCCESS, swHex } from './response-apdu';

export type ChipStatusCode =
  | 'AUTH_FAILED'
  | 'AUTH_BLOCKED'
  | 'SECURITY_STATUS'
  | 'WRONG_LIFECYCLE'
  | 'NOT_SELECTED'
  | 'MEMORY_FULL'
  | 'MEMORY_FAILURE'
  | 'WRONG_DATA'
  | 'WRONG_LENGTH'
  | 'WRONG_P1P2'
  | 'WRONG_LE'
  | 'APPLET_NOT_FOUND'
  | 'REFERENCE_NOT_FOUND'
  | 'FUNCTION_NOT_SUPPORTED'
  | 'UNKNOWN_INS'
  | 'UNKNOWN_CLA'
  | 'MORE_DATA'
  | 'CHIP_FAULT'
  | 'UNKNOWN';

interface StatusEntry {
  readonly sw: number;
  readonly mask: number;
  readonly code: ChipStatusCode;
  readonly meaning: string;
}

const EXACT = 0xffff;

export const STATUS_WORDS: readonly StatusEntry[] = [
  { sw: 0x63c0, mask: 0xfff0, code: 'AUTH_FAILED', meaning: 'authentication failed, x tries left' },
  { sw: 0x6300, mask: EXACT, code: 'AUTH_FAILED', meaning: 'authentication of host cryptogram failed' },
  { sw: 0x6983, mask: EXACT, code: 'AUTH_BLOCKED', meaning: 'authentication method blocked' },
  { sw: 0x6982, mask: EXACT, code: 'SECURITY_STATUS', meaning: 'security status not satisfied' },
  { sw: 0x6985, mask: EXACT, code: 'WRONG_LIFECYCLE', meaning: 'conditions of use not satisfied' },
  { sw: 0x6986, mask: EXACT, code: 'NOT_SELECTED', meaning: 'command not allowed, no applet selected' },
  { sw: 0x6a84, mask: EXACT, code: 'MEMORY_FULL', meaning: 'not enough memory space' },
  { sw: 0x6581, mask: EXACT, code: 'MEMORY_FAILURE', meaning: 'memory failure' },
  { sw: 0x6a80, mask: EXACT, code: 'WRONG_DATA', meaning: 'incorrect parameters in the data field' },
  { sw: 0x6700, mask: EXACT, code: 'WRONG_LENGTH', meaning: 'wrong length' },
  { sw: 0x6a87, mask: EXACT, code: 'WRONG_LENGTH', meaning: 'Lc inconsistent with P1-P2' },
  { sw: 0x6a86, mask: EXACT, code: 'WRONG_P1P2', meaning: 'incorrect parameters P1-P2' },
  { sw: 0x6b00, mask: EXACT, code: 'WRONG_P1P2', meaning: 'wrong parameters P1-P2' },
  { sw: 0x6c00, mask: 0xff00, code: 'WRONG_LE', meaning: 'wrong Le field' },
  { sw: 0x6a82, mask: EXACT, code: 'APPLET_NOT_FOUND', meaning: 'application not found' },
  { sw: 0x6a88, mask: EXACT, code: 'REFERENCE_NOT_FOUND', meaning: 'referenced data not found' },
  { sw: 0x6a81, mask: EXACT, code: 'FUNCTION_NOT_SUPPORTED', meaning: 'function not supported' },
  { sw: 0x6d00, mask: EXACT, code: 'UNKNOWN_INS', meaning: 'instruction not supported' },
  { sw: 0x6e00, mask: EXACT, code: 'UNKNOWN_CLA', meaning: 'class not supported' },
  { sw: 0x6100, mask: 0xff00, code: 'MORE_DATA', meaning: 'response bytes still available' },
  { sw: 0x6f00, mask: EXACT, code: 'CHIP_FAULT', meaning: 'no precise diagnosis' },
  { sw: 0x6400, mask: EXACT, code: 'CHIP_FAULT', meaning: 'execution error' },
];

export interface StatusMeaning {
  readonly code: ChipStatusCode;
  readonly meaning: string;
  /** For 63Cx: the x tries the chip has left. */
  readonly retriesLeft?: number;
}

export function describeStatus(sw: number): StatusMeaning {
  const entry = STATUS_WORDS.find((e) => (sw & e.mask) === e.sw);
  if (entry === undefined) return { code: 'UNKNOWN', meaning: 'status word not in the table' };
  return entry.mask === 0xfff0 && entry.code === 'AUTH_FAILED'
    ? { code: entry.code, meaning: entry.meaning, retriesLeft: sw & 0x0f }
    : { code: entry.code, meaning: entry.meaning };
}

/** A command answered with a status word other than 9000. */
export class ChipStatusError extends Error {
  override readonly name = 'ChipStatusError';
  readonly code: ChipStatusCode;
  readonly retriesLeft: number | undefined;
  constructor(
    readonly command: string,
    readonly sw: number,
  ) {
    const status = describeStatus(sw);
    super(`${command} failed: SW ${swHex(sw)} (${status.meaning})`);
    this.code = status.code;
    this.retriesLeft = status.retriesLeft;
  }
}

/** Parses a response and returns its data when SW = 9000; otherwise throws ChipStatusError. */
export function requireSuccess(response: Uint8Array, command: string): Uint8Array {
  const { data, sw } = parseResponseApdu(response, command);
  if (sw !== SW_SUCCESS) throw new ChipStatusError(command, sw);
  return data;
}
