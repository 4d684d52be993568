// TraceTransport: what enters the trace, what is redacted by the default rule and by a caller's rule.
import { describe, expect, it } from 'vitest';
import { defaultRedaction, TraceTransport } from './trace';
import { ChipTransportError } from './transport-error';
import type { ApduTransport } from './transport';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/ /g, ''), 'hex'));

function echoCard(): ApduTransport {
  return {
    extendedLength: true,
    transmit: (command) => {
      if (command[1] === 0xee) return Promise.reject(new ChipTransportError('CARD_REMOVED', 'card removed'));
      if (command[1] === 0xd8 || command[1] === 0xe2) return Promise.resolve(bytes('9000'));
      return Promise.resolve(bytes(`${Buffer.from(command.subarray(5, 9)).toString('hex')}9000`));
    },
  };
}

describe('TraceTransport', () => {
  it('records both directions with times and keeps plain commands readable', async () => {
    let now = 1000;
    const trace = new TraceTransport(echoCard(), {
      redact: defaultRedaction({ sensitiveIns: [0xd8] }),
      clock: () => (now += 5),
    });
    await trace.transmit(bytes('00a4040004 a0000001 00'));
    expect(trace.entries()).toEqual([
      { direction: '=>', at: 1005, text: '00A4040004A000000100', length: 10, redacted: false },
      { direction: '<=', at: 1010, text: 'A00000019000', length: 6, redacted: false },
    ]);
    expect(trace.format().split('\n')[0]).toBe('1970-01-01T00:00:01.005Z => 00A4040004A000000100');
  });

  it('blanks the data of key-bearing INS and of secure-messaging CLA, keeping header, Lc and Le', async () => {
    const trace = new TraceTransport(echoCard(), { redact: defaultRedaction({ sensitiveIns: [0xd8] }) });
    await trace.transmit(bytes('80d8000010 ' + '11'.repeat(16) + ' 00'));
    await trace.transmit(bytes('84e2000008 ' + '22'.repeat(8)));
    await trace.transmit(bytes('80d80000000010 ' + '33'.repeat(16)));
    const texts = trace.entries().map((e) => `${e.direction} ${e.text}`);
    expect(texts[0]).toBe('=> 80D8000010 [16 bytes redacted] 00');
    expect(texts[2]).toBe('=> 84E2000008 [8 bytes redacted]');
    expect(texts[4]).toBe('=> 80D80000000010 [16 bytes redacted]');
    expect(trace.format()).not.toMatch(/1111|2222|3333/);
  });

  it('redacts everything, both ways, while the caller says a secure channel is open', async () => {
    let open = false;
    const trace = new TraceTransport(echoCard(), {
      redact: defaultRedaction({ sensitiveIns: [], secureChannelOpen: () => open }),
    });
    open = true;
    await trace.transmit(bytes('00ca00000455667788'));
    expect(trace.entries().map((e) => e.text)).toEqual([
      '00CA000004 [4 bytes redacted]',
      '[4 bytes redacted] 9000',
    ]);
    expect(trace.entries().every((e) => e.redacted)).toBe(true);
  });

  it('takes a caller rule, records failures and keeps only the last entries', async () => {
    const trace = new TraceTransport(echoCard(), {
      redact: (command) => ({ commandData: command[0] === 0x90, responseData: command[0] === 0x90 }),
      maxEntries: 3,
    });
    await trace.transmit(bytes('9001000002abcd'));
    await expect(trace.transmit(bytes('00ee0000'))).rejects.toThrow('card removed');
    const entries = trace.entries();
    expect(entries.map((e) => e.direction)).toEqual(['<=', '=>', '!!']);
    expect(entries[0]?.text).toBe('[2 bytes redacted] 9000');
    expect(entries[2]?.text).toBe('CARD_REMOVED: card removed');
    trace.clear();
    expect(trace.entries()).toEqual([]);
  });
});
