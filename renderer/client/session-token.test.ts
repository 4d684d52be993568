// The token-from-fragment rule: a fragment token wins and is stripped from the address, a stored
// token serves reloads, malformed tokens are ignored.
import { describe, expect, it, vi } from 'vitest';
import { decideToken, takeSessionToken } from './session-token';

const TOKEN = '0f'.repeat(32);
const OLD = 'aa'.repeat(32);

describe('decideToken', () => {
  it('takes the token from the fragment and clears the fragment', () => {
    expect(decideToken(`#token=${TOKEN}`, null)).toEqual({ token: TOKEN, fragment: '' });
  });

  it('prefers the fragment token over a stored one from an earlier launch', () => {
    expect(decideToken(`#token=${TOKEN}`, OLD)).toEqual({ token: TOKEN, fragment: '' });
  });

  it('keeps other fragment parameters', () => {
    expect(decideToken(`#token=${TOKEN}&screen=audit`, null)).toEqual({
      token: TOKEN,
      fragment: '#screen=audit',
    });
  });

  it('uses the stored token when the fragment has none and leaves the address alone', () => {
    expect(decideToken('', OLD)).toEqual({ token: OLD, fragment: null });
  });

  it('ignores a malformed token but still strips it', () => {
    expect(decideToken('#token=<script>', null)).toEqual({ token: null, fragment: '' });
    expect(decideToken('#token=xyz', OLD)).toEqual({ token: OLD, fragment: '' });
  });

  it('has no token when neither place holds one', () => {
    expect(decideToken('', null)).toEqual({ token: null, fragment: null });
    expect(decideToken('', 'not-hex')).toEqual({ token: null, fragment: null });
  });
});

describe('takeSessionToken', () => {
  it('stores the fragment token and replaces the address without it', () => {
    const storage = new Map<string, string>();
    const replaceState = vi.fn();
    const token = takeSessionToken({
      location: { hash: `#token=${TOKEN}`, pathname: '/', search: '' },
      history: { replaceState, state: null },
      sessionStorage: {
        getItem: (k) => storage.get(k) ?? null,
        setItem: (k, v) => void storage.set(k, v),
      },
    });
    expect(token).toBe(TOKEN);
    expect([...storage.values()]).toEqual([TOKEN]);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('reads the stored token on reload without touching the address', () => {
    const replaceState = vi.fn();
    const token = takeSessionToken({
      location: { hash: '', pathname: '/index.html', search: '' },
      history: { replaceState, state: null },
      sessionStorage: { getItem: () => OLD, setItem: vi.fn() },
    });
    expect(token).toBe(OLD);
    expect(replaceState).not.toHaveBeenCalled();
  });
});
