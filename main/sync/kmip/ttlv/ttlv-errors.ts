// Why a TTLV byte string was refused, or why an item could not be encoded. Messages give offsets,
// tags, types and lengths, never the value bytes (a Key Material value is a key).

export type TtlvDecodeFailure =
  | 'too-large'
  | 'truncated'
  | 'bad-tag'
  | 'unknown-type'
  | 'wrong-length'
  | 'overlong'
  | 'bad-padding'
  | 'bad-value'
  | 'too-deep'
  | 'trailing-bytes';

export class TtlvDecodeError extends Error {
  override readonly name = 'TtlvDecodeError';
  constructor(
    readonly failure: TtlvDecodeFailure,
    readonly offset: number,
    detail: string,
  ) {
    super(`malformed TTLV at byte ${offset} (${failure}): ${detail}`);
  }
}

export class TtlvEncodeError extends Error {
  override readonly name = 'TtlvEncodeError';
}
