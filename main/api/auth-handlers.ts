// Handlers for first-run set-up, unlocking the station, signing in and out, and operator
// management. Input arrives validated and authorised by the dispatcher; refusals leave as
// OperatorFacingErrors with a code the UI words.
import type { Methods } from '../../shared/contract';
import type { Authenticator } from '../auth/authenticator';
import type { FirstRun } from '../auth/first-run';
import type { OperatorAdmin } from '../auth/operator-admin';
import { Refusal } from '../auth/refusal';
import type { StationUnlock } from '../secrets/station-unlock';
import type { Handlers } from './dispatcher';
import { facing, signedIn } from './handler-guards';

export interface AuthHandlerDeps {
  readonly firstRun: FirstRun;
  readonly stationUnlock: StationUnlock;
  readonly authenticator: Authenticator;
  readonly operatorAdmin: OperatorAdmin;
  /** Called once set-up or unlocking has changed the station's state (to emit station.statusChanged). */
  readonly stationChanged: () => void;
}

export type AuthMethod =
  | 'station.setup'
  | 'station.unlock'
  | 'auth.session'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.changePassword'
  | 'operators.list'
  | 'operators.create'
  | 'operators.update'
  | 'operators.resetPassword'
  | 'operators.unlock';

export function authHandlers(d: AuthHandlerDeps): Pick<Handlers<Methods>, AuthMethod> {
  return {
    'station.setup': (input, ctx) =>
      facing(async () => {
        const operator = await d.firstRun.setUp(ctx.connection, input);
        d.stationChanged();
        return { operator };
      }),
    'station.unlock': ({ passphrase }) =>
      facing(async () => {
        if (!(await d.stationUnlock.unlock(passphrase))) {
          throw new Refusal('invalid-credentials', 'Wrong station passphrase.');
        }
        d.stationChanged();
        return {};
      }),
    'auth.session': (_input, ctx) => d.authenticator.sessionInfo(ctx.session),
    'auth.login': ({ username, password }, ctx) =>
      facing(() => d.authenticator.login(ctx.connection, ctx.session, username, password)),
    'auth.logout': (_input, ctx) => d.authenticator.logout(ctx.connection),
    'auth.changePassword': ({ currentPassword, newPassword }, ctx) =>
      facing(async () => {
        await d.authenticator.changePassword(signedIn(ctx), currentPassword, newPassword);
        return {};
      }),
    'operators.list': () => ({ operators: d.operatorAdmin.list() }),
    'operators.create': (input, ctx) => facing(() => d.operatorAdmin.create(signedIn(ctx), input)),
    'operators.update': (input, ctx) => facing(() => d.operatorAdmin.update(signedIn(ctx), input)),
    'operators.resetPassword': ({ id, newPassword }, ctx) =>
      facing(() => d.operatorAdmin.resetPassword(signedIn(ctx), id, newPassword)),
    'operators.unlock': ({ id }, ctx) => facing(() => d.operatorAdmin.unlock(signedIn(ctx), id)),
  };
}
