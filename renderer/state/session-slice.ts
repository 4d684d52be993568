// Who is signed in on this screen's connection (as the station last said), and the sign-in and
// change-password dialogs: whether they are open and why sign-in is being asked for.
import type { StateCreator } from 'zustand';
import type { SessionInfo } from '../../shared/auth';
import type { StationState } from './station-store';

/**
 * Why the sign-in dialog is open: the operator asked ('requested'), a call needed a signed-in
 * operator ('required'), the session ended after inactivity ('expired'), or the connection was
 * renewed, which ends every session on it ('reconnected').
 */
export type SignInReason = 'requested' | 'required' | 'expired' | 'reconnected';

export interface SessionSlice {
  /** null until the station has answered auth.session on this connection. */
  session: SessionInfo | null;
  signIn: { readonly reason: SignInReason } | null;
  passwordDialogOpen: boolean;
  openSignIn: (reason: SignInReason) => void;
  closeSignIn: () => void;
  openPasswordDialog: () => void;
  closePasswordDialog: () => void;
}

export const createSessionSlice: StateCreator<StationState, [], [], SessionSlice> = (set) => ({
  session: null,
  signIn: null,
  passwordDialogOpen: false,
  openSignIn: (reason) => set({ signIn: { reason }, passwordDialogOpen: false }),
  closeSignIn: () => set({ signIn: null }),
  openPasswordDialog: () => set({ passwordDialogOpen: true }),
  closePasswordDialog: () => set({ passwordDialogOpen: false }),
});
