// Handlers of the station's own methods (status, language, name); the other areas have their own
// files (auth-, ceremony-, audit-handlers.ts). Handlers receive input already validated and
// authorised by the dispatcher; they call services and return plain data checked again.
import type { Methods } from '../../shared/contract';
import type { StationStatus } from '../../shared/status';
import type { EventBus } from '../events/event-bus';
import type { IdentityRepository } from '../store/identity-repository';
import type { SettingsRepository } from '../store/settings-repository';
import type { Handlers } from './dispatcher';

export interface ApiServices {
  readonly status: () => StationStatus;
  readonly identity: IdentityRepository;
  readonly settings: SettingsRepository;
  readonly events: EventBus;
}

export function createHandlers(
  s: ApiServices,
): Pick<Handlers<Methods>, 'station.status' | 'settings.setLanguage' | 'station.rename'> {
  return {
    'station.status': () => s.status(),
    'settings.setLanguage': ({ language }) => {
      s.settings.set('language', language);
      s.events.emit('settings.languageChanged', { language });
      s.events.emit('station.statusChanged', s.status());
      return { language };
    },
    'station.rename': ({ name }) => {
      const identity = s.identity.rename(name);
      s.events.emit('station.statusChanged', s.status());
      return { stationName: identity.name };
    },
  };
}
