// Keeps the store's session in step with the station. The session lives in main, one per
// connection: it is read at start and after every reconnect (a renewed connection has nobody
// signed in, so whoever was is asked to sign in again), ended by sign-out, and ended by the
// station after inactivity, which this screen notices when a call is refused as UNAUTHENTICATED or
// when its own idle clock runs out. Every screen calls the station through `client`, which feeds
// the idle clock and opens the sign-in dialog on UNAUTHENTICATED. No password is kept here.
import type { StoreApi } from 'zustand';
import { ApiError } from '../../shared/api-error';
import type { SessionInfo } from '../../shared/auth';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { toErrorData } from '../client/error-data';
import type { StationClient } from '../client/station-client';
import { idleCheckDue } from './idle-check';
import type { StationState } from './station-store';

export interface SessionSync {
  /** The contract client the screens use; see the file header. */
  readonly client: StationClient;
  /** Reads who is signed in on this connection. */
  refresh(): Promise<SessionInfo>;
  /** Signs in; throws the station's refusal (wrong credentials, locked out…) as an ApiError. */
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  stop(): void;
}

export interface SessionSyncOptions {
  readonly now?: () => number;
  /** How often the idle clock is looked at. */
  readonly idleCheckMs?: number;
}

export function startSessionSync(
  raw: StationClient,
  store: StoreApi<StationState>,
  options: SessionSyncOptions = {},
): SessionSync {
  const now = options.now ?? Date.now;
  let lastCallAt = now();
  let idleCheckRunning = false;
  /** Set when the connection dropped while someone was signed in. */
  let signedInBeforeDrop = false;

  const signedIn = (): boolean => store.getState().session?.operator != null;

  function signedOut(reason: 'required' | 'expired' | 'reconnected'): void {
    store.setState((s) => ({ session: s.session ? { ...s.session, operator: null } : s.session }));
    const open = store.getState().signIn;
    if (open === null || open.reason === 'requested' || open.reason === 'required') {
      store.getState().openSignIn(reason);
    }
  }

  const client: StationClient = {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      lastCallAt = now();
      try {
        return await raw.call(method, input);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
          signedOut(signedIn() ? 'expired' : 'required');
        }
        throw error;
      }
    },
    on: (event, listener) => raw.on(event, listener),
    get connection() {
      return raw.connection;
    },
    onConnectionChange: (listener) => raw.onConnectionChange(listener),
  };

  async function refresh(): Promise<SessionInfo> {
    const info = await client.call('auth.session', {});
    store.setState({ session: info });
    return info;
  }

  async function refreshAfterConnect(): Promise<void> {
    const wasSignedIn = signedInBeforeDrop;
    signedInBeforeDrop = false;
    try {
      const info = await refresh();
      if (wasSignedIn && info.operator === null) signedOut('reconnected');
    } catch {
      // The header shows "not signed in" until the next connect; the status error says why.
    }
  }

  async function checkIdle(): Promise<void> {
    const session = store.getState().session;
    if (idleCheckRunning || session === null || store.getState().connection !== 'connected') return;
    if (!idleCheckDue(lastCallAt, now(), session.idleTimeoutSeconds, session.operator !== null)) return;
    idleCheckRunning = true;
    try {
      const info = await raw.call('auth.session', {});
      lastCallAt = now();
      if (info.operator === null) signedOut('expired');
      else store.setState({ session: info });
    } catch {
      // A failed check changes nothing; the next call or check finds out.
    } finally {
      idleCheckRunning = false;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const info = await client.call('auth.login', { username, password });
    store.setState({ session: info, signIn: null });
  }

  async function logout(): Promise<void> {
    try {
      const info = await client.call('auth.logout', {});
      store.setState({ session: info, passwordDialogOpen: false });
    } catch (error) {
      store.setState({ actionError: { action: 'logout', error: toErrorData(error) } });
    }
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await client.call('auth.changePassword', { currentPassword, newPassword });
  }

  const timer = setInterval(() => void checkIdle(), options.idleCheckMs ?? 5_000);
  const unsubscribes = [
    raw.onConnectionChange((connection) => {
      if (connection === 'connected') {
        void refreshAfterConnect();
        return;
      }
      if (signedIn()) signedInBeforeDrop = true;
      store.setState((s) => ({ session: s.session ? { ...s.session, operator: null } : s.session }));
    }),
  ];
  if (raw.connection === 'connected') void refreshAfterConnect();

  return {
    client,
    refresh,
    login,
    logout,
    changePassword,
    stop: () => {
      clearInterval(timer);
      unsubscribes.forEach((unsubscribe) => unsubscribe());
    },
  };
}
