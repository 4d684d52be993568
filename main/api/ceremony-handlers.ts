// Handlers for the issuer master key ceremony. Input arrives validated and authorised (security
// officers only) by the dispatcher; a broken rule of dual control leaves as an
// OperatorFacingError the custodian reads.
import type { Methods } from '../../shared/contract';
import type { KeyCeremony } from '../ceremony/key-ceremony';
import type { Handlers } from './dispatcher';
import { facing, signedIn } from './handler-guards';

export interface CeremonyHandlerDeps {
  readonly ceremony: KeyCeremony;
  /** Called once a ceremony has loaded a new issuer master key (to emit station.statusChanged). */
  readonly stationChanged: () => void;
}

export type CeremonyMethod =
  | 'ceremony.status'
  | 'ceremony.start'
  | 'ceremony.checkComponent'
  | 'ceremony.submitComponent'
  | 'ceremony.cancel';

export function ceremonyHandlers(d: CeremonyHandlerDeps): Pick<Handlers<Methods>, CeremonyMethod> {
  return {
    'ceremony.status': () => d.ceremony.status(),
    'ceremony.start': ({ componentsRequired }, ctx) =>
      facing(() => d.ceremony.start(signedIn(ctx), componentsRequired)),
    'ceremony.checkComponent': ({ component }) => ({ kcv: d.ceremony.checkComponent(component) }),
    'ceremony.submitComponent': ({ ceremonyId, component, kcv }, ctx) =>
      facing(() => {
        const state = d.ceremony.submitComponent(signedIn(ctx), ceremonyId, component, kcv);
        if (state.state === 'completed') d.stationChanged();
        return state;
      }),
    'ceremony.cancel': ({ ceremonyId }, ctx) => facing(() => d.ceremony.cancel(signedIn(ctx), ceremonyId)),
  };
}
