// Provider selection: feature detection by default, STATION_CRYPTO to force, clear errors otherwise.
import { describe, expect, it } from 'vitest';
import { nativeSmAlgorithmsAvailable, selectProvider } from './select-provider';

describe('selectProvider', () => {
  it('detects that this Node has SM2/SM3/SM4 and picks native when nothing is forced', () => {
    expect(nativeSmAlgorithmsAvailable()).toBe(true);
    expect(selectProvider({}).name).toBe('native');
  });

  it('honours STATION_CRYPTO=native and STATION_CRYPTO=js', () => {
    expect(selectProvider({ STATION_CRYPTO: 'native' }).name).toBe('native');
    expect(selectProvider({ STATION_CRYPTO: 'js' }).name).toBe('js');
  });

  it('rejects any other value, including an empty one', () => {
    expect(() => selectProvider({ STATION_CRYPTO: 'openssl' })).toThrow(
      "STATION_CRYPTO must be 'native' or 'js', got 'openssl'",
    );
    expect(() => selectProvider({ STATION_CRYPTO: '' })).toThrow('STATION_CRYPTO must be');
    expect(() => selectProvider({ STATION_CRYPTO: 'JS' })).toThrow('STATION_CRYPTO must be');
  });
});
