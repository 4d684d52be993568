// Host configuration from the environment: the chip readers a host uses, refused clearly when the
// value is not one the station knows.
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveHostReaders } from './config';

describe('resolveHostReaders', () => {
  it('defaults to PC/SC and knows none and USB CCID devices', () => {
    expect(resolveHostReaders({})?.kind).toBe('pcsc');
    expect(resolveHostReaders({ STATION_READERS: 'none' })).toBeNull();
    expect(resolveHostReaders({ STATION_READERS: 'usb:1050:0407, 04e6:5816' })?.kind).toBe('usb');
  });

  it('refuses anything else, naming what is wrong', () => {
    expect(() => resolveHostReaders({ STATION_READERS: 'serial' })).toThrow(ConfigError);
    expect(() => resolveHostReaders({ STATION_READERS: 'usb:1050' })).toThrow(/"1050" is not VID:PID/);
  });
});
