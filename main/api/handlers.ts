// Handlers of the station's own methods (status, language, name); the other areas have their own
// files (auth-, ceremony-, audit-handlers.ts). Handlers receive input already validated and
// authorised by the dispatcher; each change commits with its audit entry in one transaction.
import type { Methods } from '../../shared/contract';
import type { StationStatus } from '../../shared/status';
import type { AuditAppender } from '../audit/audit-appender';
import type { EventBus } from '../events/event-bus';
import type { Db } from '../store/database';
import type { IdentityRepository } from '../store/identity-repository';
import type { SettingsRepository } from '../store/settings-repository';
import type { CallContext, Handlers } from './dispatcher';

export interface ApiServices {
  readonly db: Db;
  readonly status: () => StationStatus;
  readonly identity: IdentityRepository;
  readonly settings: SettingsRepository;
  readonly audit: AuditAppender;
  /** False while the master secret is sealed (first run, locked): nothing can be audited then. */
  readonly canAudit: () => boolean;
  readonly events: EventBus;
}

const actorOf = (ctx: CallContext): string => ctx.session?.username ?? 'anonymous';

export function createHandlers(
  s: ApiServices,
): Pick<Handlers<Methods>, 'station.status' | 'settings.setLanguage' | 'station.rename'> {
  return {
    'station.status': () => s.status(),
    'settings.setLanguage': ({ language }, ctx) => {
      const previous = s.settings.get('language');
      // The UI language is a display preference that also has to be switchable on the setup and
      // unlock screens, where the audit log is sealed; once unlocked, every change is audited.
      s.db.transaction(() => {
        s.settings.set('language', language);
        if (s.canAudit()) {
          s.audit.append({
            type: 'settings.changed',
            actor: actorOf(ctx),
            subject: 'language',
            details: { from: previous, to: language },
          });
        }
      })();
      s.events.emit('settings.languageChanged', { language });
      s.events.emit('station.statusChanged', s.status());
      return { language };
    },
    'station.rename': ({ name }, ctx) => {
      const previous = s.identity.get().name;
      const identity = s.db.transaction(() => {
        const renamed = s.identity.rename(name);
        s.audit.append({
          type: 'station.renamed',
          actor: actorOf(ctx),
          details: { from: previous, to: name },
        });
        return renamed;
      })();
      s.events.emit('station.statusChanged', s.status());
      return { stationName: identity.name };
    },
  };
}
