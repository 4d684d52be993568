// The header's one-word state: connection problems first, then the station's own state, else
// unknown.
import { describe, expect, it } from 'vitest';
import { stationStatus } from '../test-support/status-fixture';
import { stationDisplayState } from './station-state';

describe('stationDisplayState', () => {
  it('is ready or alarm from the status while connected', () => {
    expect(stationDisplayState('connected', stationStatus(), false)).toBe('ready');
    expect(stationDisplayState('connected', stationStatus({ state: 'alarm' }), true)).toBe('alarm');
  });

  it('is locked or not set up from the status', () => {
    expect(stationDisplayState('connected', stationStatus({ state: 'locked' }), false)).toBe('locked');
    expect(stationDisplayState('connected', stationStatus({ state: 'setup' }), false)).toBe('setup');
  });

  it('is connecting while the first status is being read, unknown when it could not be', () => {
    expect(stationDisplayState('connected', null, true)).toBe('connecting');
    expect(stationDisplayState('connected', null, false)).toBe('unknown');
  });

  it('shows a connection problem over a stale status', () => {
    expect(stationDisplayState('reconnecting', stationStatus({ state: 'alarm' }), false)).toBe(
      'reconnecting',
    );
    expect(stationDisplayState('missing-token', null, false)).toBe('missing-token');
    expect(stationDisplayState('connecting', null, true)).toBe('connecting');
  });
});
