// The error for a chip answer that breaks the protocol itself: a response shorter than its status
// word, data of the wrong length or shape for the command, or an unexpected tag. It names the
// command and what was wrong, never the bytes (a response may carry key-derived values).

export class ChipProtocolError extends Error {
  override readonly name = 'ChipProtocolError';
  constructor(
    /** The command whose response was malformed, e.g. "GET DATA". */
    readonly command: string,
    /** What was wrong, in lengths and tags only. */
    readonly detail: string,
  ) {
    super(`${command}: malformed chip response: ${detail}`);
  }
}
