// The alarm banner, shown while any alarm is active (a station-wide one, or a subsystem's such as a
// failed entropy source): loud enough to be seen across the room, and for each alarm what
// happened, what it means and what to do next.
import { useTranslation } from 'react-i18next';
import type { Alarm } from '../../shared/status';
import { useStationStore } from '../state/station-store';
import { alarmTextKey } from './alarm-words';
import { formatDateTime } from './format';
import { AlarmIcon } from './icons';

function AlarmEntry({ alarm }: { readonly alarm: Alarm }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const key = alarmTextKey(alarm.code);
  const what = t(`${key}.what`, { code: alarm.code });
  return (
    <article className="alarm" data-testid={`alarm-${alarm.code}`}>
      <AlarmIcon className="alarm-icon" />
      <div className="alarm-text">
        <p className="alarm-what" data-testid="alarm-what">
          {alarm.subject
            ? t('alarm.withSubject', { what, subject: alarm.subject })
            : t('alarm.withoutSubject', { what })}
        </p>
        <dl className="alarm-details">
          <dt>{t('alarm.meaning')}</dt>
          <dd data-testid="alarm-meaning">{t(`${key}.meaning`)}</dd>
          <dt>{t('alarm.action')}</dt>
          <dd data-testid="alarm-action">{t(`${key}.action`)}</dd>
        </dl>
        <p className="alarm-time">
          {t('alarm.raisedAt', { time: formatDateTime(alarm.raisedAt, language) })}
        </p>
      </div>
    </article>
  );
}

export function AlarmBanner() {
  const { t } = useTranslation();
  const status = useStationStore((s) => s.status);
  if (!status || status.alarms.length === 0) return null;
  return (
    <section className="alarm-banner" data-testid="alarm-banner" role="alert" aria-label={t('alarm.title')}>
      {status.alarms.map((alarm) => (
        <AlarmEntry key={`${alarm.code}-${alarm.raisedAt}`} alarm={alarm} />
      ))}
    </section>
  );
}
