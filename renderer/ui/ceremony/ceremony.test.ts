// Component reading never needs more than the text typed; the steps and the prompt follow the
// ceremony and who is signed in (one custodian, one component).
import { describe, expect, it } from 'vitest';
import type { CeremonyState } from '../../../shared/ceremony';
import { operator } from '../../test-support/operator-fixture';
import { ceremonyPrompt, ceremonySteps } from './ceremony-steps';
import { compareKcv, displayKcv, isKcv, readComponent } from './component-input';

const COMPONENT = '0123456789abcdef'.repeat(2);

function ceremony(overrides: Partial<CeremonyState> = {}): CeremonyState {
  return {
    id: 'c-1',
    purpose: 'kmc',
    componentsRequired: 3,
    startedAt: '2025-01-01T08:00:00.000Z',
    startedBy: 'alice',
    components: [],
    state: 'collecting',
    combinedKcv: null,
    ...overrides,
  };
}

const first = { custodian: 'alice', kcv: 'a1b2c3', at: '2025-01-01T08:01:00.000Z' };

describe('readComponent', () => {
  it('counts hex digits, ignores spaces and case, and spots anything else', () => {
    expect(readComponent('')).toEqual({ digits: 0, foreign: false, complete: false });
    expect(readComponent('0123 4567')).toEqual({ digits: 8, foreign: false, complete: false });
    expect(readComponent(COMPONENT.toUpperCase().replace(/(.{4})/g, '$1 '))).toEqual({
      digits: 32,
      foreign: false,
      complete: true,
    });
    expect(readComponent(`${COMPONENT}0`).complete).toBe(false);
    expect(readComponent('0123g')).toEqual({ digits: 4, foreign: true, complete: false });
  });
});

describe('KCV helpers', () => {
  it('recognises a sheet KCV and compares it with the typed one', () => {
    expect(isKcv('A1 B2 C3')).toBe(true);
    expect(isKcv('a1b2c')).toBe(false);
    expect(compareKcv(null, 'a1b2c3')).toBe('pending');
    expect(compareKcv('a1b2c3', 'a1b2')).toBe('pending');
    expect(compareKcv('a1b2c3', 'A1 B2 C3')).toBe('match');
    expect(compareKcv('a1b2c3', 'a1b2c4')).toBe('mismatch');
  });

  it('writes a KCV as people read it', () => {
    expect(displayKcv('a1b2c3')).toBe('A1 B2 C3');
  });
});

describe('ceremonySteps', () => {
  it('marks entered, current and waiting components', () => {
    expect(ceremonySteps(ceremony({ components: [first] })).map((s) => s.state)).toEqual([
      'done',
      'current',
      'waiting',
    ]);
    expect(ceremonySteps(ceremony({ state: 'cancelled' })).map((s) => s.state)).toEqual([
      'waiting',
      'waiting',
      'waiting',
    ]);
  });
});

describe('ceremonyPrompt', () => {
  it('asks the next custodian to sign in when nobody is', () => {
    expect(ceremonyPrompt(ceremony({ components: [first] }), null)).toEqual({
      kind: 'signIn',
      n: 2,
      total: 3,
    });
  });

  it('asks a custodian who already entered a component to sign out', () => {
    expect(ceremonyPrompt(ceremony({ components: [first] }), operator())).toEqual({
      kind: 'alreadyEntered',
      entered: 1,
      n: 2,
      total: 3,
    });
  });

  it('asks a new custodian to enter their component', () => {
    const bob = operator({ id: 2, username: 'bob', displayName: 'Bob' });
    expect(ceremonyPrompt(ceremony({ components: [first] }), bob)).toEqual({ kind: 'enter', n: 2, total: 3 });
  });

  it('says when the signed-in operator cannot be a custodian', () => {
    expect(ceremonyPrompt(ceremony(), operator({ roles: ['auditor'] }))).toEqual({
      kind: 'notOfficer',
      n: 1,
      total: 3,
    });
  });

  it('ends with completed or cancelled', () => {
    expect(ceremonyPrompt(ceremony({ state: 'completed', combinedKcv: 'aabbcc' }), null).kind).toBe(
      'completed',
    );
    expect(ceremonyPrompt(ceremony({ state: 'cancelled' }), operator()).kind).toBe('cancelled');
  });
});
