// The web bridge's per-launch token: it arrives once in the page's fragment (#token=<hex>), is
// kept in sessionStorage for reloads of this tab, and is removed from the address bar so it is not
// left on screen, in history or in a copied link. A fragment token wins over a stored one: a
// restarted station prints a new address.
const TOKEN_PARAM = 'token';
const STORAGE_KEY = 'station.token';
const TOKEN_PATTERN = /^[0-9a-f]{16,256}$/i;

export interface TokenDecision {
  /** The token to connect with, or null when the page has none. */
  readonly token: string | null;
  /** The fragment to leave in the address bar ('' for none), or null to leave it untouched. */
  readonly fragment: string | null;
}

/** Pure: decides from the page's fragment and the stored token; nothing is read or written. */
export function decideToken(hash: string, stored: string | null): TokenDecision {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  if (!params.has(TOKEN_PARAM)) {
    return { token: stored !== null && TOKEN_PATTERN.test(stored) ? stored : null, fragment: null };
  }
  const offered = params.get(TOKEN_PARAM) ?? '';
  params.delete(TOKEN_PARAM);
  const rest = params.toString();
  const fragment = rest === '' ? '' : `#${rest}`;
  if (TOKEN_PATTERN.test(offered)) return { token: offered, fragment };
  return { token: stored !== null && TOKEN_PATTERN.test(stored) ? stored : null, fragment };
}

export interface TokenPage {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Reads the token for this page, stores it for reloads and strips it from the address bar. */
export function takeSessionToken(page: TokenPage): string | null {
  const decision = decideToken(page.location.hash, page.sessionStorage.getItem(STORAGE_KEY));
  if (decision.token !== null) page.sessionStorage.setItem(STORAGE_KEY, decision.token);
  if (decision.fragment !== null) {
    const { pathname, search } = page.location;
    page.history.replaceState(page.history.state, '', `${pathname}${search}${decision.fragment}`);
  }
  return decision.token;
}
