// GetResponseTransport against a scripted card: 61xx chains, 6Cxx re-sends, channel CLA, bounds.
import { describe, expect, it } from 'vitest';
import { GetResponseTransport } from './get-response';
import type { ApduTransport } from './transport';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/ /g, ''), 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Answers each expected command with the scripted answer, in order; fails on anything else. */
function scripted(
  exchanges: readonly (readonly [string, string])[],
): ApduTransport & { readonly left: () => number } {
  const queue = [...exchanges];
  return {
    extendedLength: false,
    left: () => queue.length,
    transmit: (command) => {
      const next = queue.shift();
      if (!next) return Promise.reject(new Error(`unexpected ${hex(command)}`));
      expect(hex(command)).toBe(next[0].replace(/ /g, ''));
      return Promise.resolve(bytes(next[1]));
    },
  };
}

describe('GetResponseTransport', () => {
  it('passes plain answers through', async () => {
    const card = scripted([['00a4040000', '6f00 9000']]);
    expect(hex(await new GetResponseTransport(card).transmit(bytes('00a4040000')))).toBe('6f009000');
  });

  it('collects 61xx answers with GET RESPONSE on the same logical channel', async () => {
    const card = scripted([
      ['81ca00ff00', '6100'],
      ['01c0000000', 'aa'.repeat(256) + '6104'],
      ['01c0000004', '01020304 9000'],
    ]);
    const answer = await new GetResponseTransport(card).transmit(bytes('81ca00ff00'));
    expect(hex(answer)).toBe(`${'aa'.repeat(256)}010203049000`);
    expect(card.left()).toBe(0);
  });

  it('re-sends a command once with the Le from 6Cxx, then follows 61xx', async () => {
    const card = scripted([
      ['80040000', '6c20'],
      ['8004000020', '6102'],
      ['00c0000002', 'beef 9000'],
    ]);
    expect(hex(await new GetResponseTransport(card).transmit(bytes('80040000')))).toBe('beef9000');
  });

  it('returns a second 6Cxx as it is, and keeps the status of the last answer', async () => {
    const card = scripted([
      ['8004000000', '6c20'],
      ['8004000020', '6c10'],
    ]);
    expect(hex(await new GetResponseTransport(card).transmit(bytes('8004000000')))).toBe('6c10');
  });

  it('stops after maxRounds and rejects answers without a status word', async () => {
    const endless: ApduTransport = {
      extendedLength: false,
      transmit: () => Promise.resolve(bytes('00 6101')),
    };
    await expect(
      new GetResponseTransport(endless, { maxRounds: 5 }).transmit(bytes('80030000')),
    ).rejects.toMatchObject({
      code: 'PROTOCOL',
    });
    const broken: ApduTransport = { extendedLength: false, transmit: () => Promise.resolve(bytes('90')) };
    await expect(new GetResponseTransport(broken).transmit(bytes('80030000'))).rejects.toMatchObject({
      code: 'PROTOCOL',
    });
  });

  it('bounds the assembled size', async () => {
    const card: ApduTransport = {
      extendedLength: false,
      transmit: () => Promise.resolve(bytes('aa'.repeat(256) + '6100')),
    };
    await expect(
      new GetResponseTransport(card, { maxResponseData: 1000 }).transmit(bytes('80030000')),
    ).rejects.toMatchObject({ code: 'PROTOCOL' });
  });
});
