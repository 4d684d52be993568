// The ANU answer parser: every malformed shape is refused with a reason.
import { describe, expect, it } from 'vitest';
import { parseAnuAnswer } from './anu-response';

const good = (data: number[], extra: object = {}): string =>
  JSON.stringify({ type: 'uint8', length: data.length, data, success: true, ...extra });

describe('parseAnuAnswer', () => {
  it('accepts a well-formed answer of the asked length', () => {
    expect(parseAnuAnswer(good([0, 1, 255]), 3)).toEqual(Uint8Array.from([0, 1, 255]));
  });

  it.each([
    ['not JSON', '{', 3, /not JSON/],
    ['wrong type', JSON.stringify({ type: 'uint16', length: 1, data: [1], success: true }), 1, /type/],
    ['length mismatch', good([1, 2]), 3, /asked for 3 bytes, answer says 2/],
    [
      'data shorter than length',
      JSON.stringify({ type: 'uint8', length: 3, data: [1], success: true }),
      3,
      /holds 1/,
    ],
    ['value above 255', good([1, 256]), 2, /data\.1/],
    ['negative value', good([-1]), 1, /data\.0/],
    ['fractional value', good([1.5]), 1, /data\.0/],
    ['success false', JSON.stringify({ success: false, message: 'busy' }), 1, /server refused: busy/],
    ['success missing', JSON.stringify({ type: 'uint8', length: 1, data: [1] }), 1, /success/],
    ['an array', '[1,2,3]', 3, /malformed/],
  ] as const)('refuses %s', (_name, body, expected, message) => {
    const result = parseAnuAnswer(body, expected);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(message);
  });
});
