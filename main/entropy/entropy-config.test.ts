// STATION_ENTROPY parsing: "none", the host default, a device with and without its health claim,
// and clear errors for anything else.
import { describe, expect, it } from 'vitest';
import { EntropyConfigError, parseEntropyConfig, SIMULATION_ENTROPY } from './entropy-config';

describe('parseEntropyConfig', () => {
  it('gives the fallback when unset and null for "none"', () => {
    expect(parseEntropyConfig(undefined, SIMULATION_ENTROPY)).toBe(SIMULATION_ENTROPY);
    expect(parseEntropyConfig('  ', null)).toBeNull();
    expect(parseEntropyConfig('none', SIMULATION_ENTROPY)).toBeNull();
  });

  it('reads a device with its defaults, or with its own health claim', () => {
    expect(parseEntropyConfig('{"kind":"stream","path":"/dev/hwrng"}', null)).toEqual({
      source: { kind: 'stream', path: '/dev/hwrng', device: 'plain' },
      health: { samples: 'bytes', minEntropy: 7, alphaExponent: 40 },
      periodicMinutes: 60,
    });
    const quantis = parseEntropyConfig(
      '{"kind":"quantis-usb","health":{"samples":"bits","minEntropy":0.9},"periodicMinutes":15,"checkAttempts":2}',
      null,
    );
    expect(quantis).toEqual({
      source: { kind: 'quantis-usb' },
      health: { samples: 'bits', minEntropy: 0.9, alphaExponent: 40 },
      periodicMinutes: 15,
      checkAttempts: 2,
    });
  });

  it('refuses what is not a valid configuration, naming where', () => {
    expect(() => parseEntropyConfig('{', null)).toThrow(EntropyConfigError);
    expect(() => parseEntropyConfig('{"kind":"dice"}', null)).toThrow(/kind/);
    expect(() => parseEntropyConfig('{"kind":"stream"}', null)).toThrow(/path/);
    expect(() => parseEntropyConfig('{"kind":"simulation","checkAttempts":0}', null)).toThrow(
      /checkAttempts/,
    );
    expect(() =>
      parseEntropyConfig(
        '{"kind":"simulation","health":{"samples":"bytes","minEntropy":8,"alphaExponent":10}}',
        null,
      ),
    ).toThrow(/alphaExponent/);
  });
});
