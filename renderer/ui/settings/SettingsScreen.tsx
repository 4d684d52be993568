// The Settings screen: language, station name, the key service (read-only, with Test connection),
// the way to Operators and Key ceremony, and what is still to come here (sound).
//
// data-testids for end-to-end tests: settings-language-*, settings-station-name*,
// key-service* (see KeyServiceSection), settings-open-operators, settings-open-ceremony,
// settings-planned.
import { useTranslation } from 'react-i18next';
import type { Screen } from '../../state/ui-slice';
import { useStationStore } from '../../state/station-store';
import { LanguageSwitch } from '../LanguageSwitch';
import { RoleGate } from '../RoleGate';
import { KeyServiceSection } from './KeyServiceSection';
import { StationNameForm } from './StationNameForm';

function SectionLink({
  screen,
  note,
}: {
  readonly screen: Extract<Screen, 'operators' | 'ceremony'>;
  readonly note: string;
}) {
  const { t } = useTranslation();
  const showScreen = useStationStore((s) => s.showScreen);
  return (
    <li className="section-link">
      <button
        type="button"
        className="button link-button"
        data-testid={`settings-open-${screen}`}
        onClick={() => showScreen(screen)}
      >
        <span className="link-title">{t(`nav.${screen}`)}</span>
        <span className="link-note">{note}</span>
      </button>
    </li>
  );
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const stationName = useStationStore((s) => s.status?.stationName ?? '');
  return (
    <section className="settings-screen" data-testid="screen-settings">
      <h1>{t('settings.title')}</h1>
      <section className="panel" aria-labelledby="settings-language-title">
        <h2 id="settings-language-title">{t('settings.language')}</h2>
        <p className="panel-note">{t('settings.languageNote')}</p>
        <LanguageSwitch testIdPrefix="settings-language" />
      </section>
      <section className="panel" aria-labelledby="settings-name-title">
        <h2 id="settings-name-title">{t('settings.stationName')}</h2>
        <p className="panel-note">{t('settings.stationNameNote')}</p>
        <RoleGate method="station.rename" testId="settings-station-name">
          <StationNameForm key={stationName} current={stationName} />
        </RoleGate>
      </section>
      <KeyServiceSection />
      <ul className="section-links">
        <SectionLink screen="operators" note={t('settings.operatorsNote')} />
        <SectionLink screen="ceremony" note={t('settings.ceremonyNote')} />
      </ul>
      <section className="panel planned-panel" aria-labelledby="settings-later-title">
        <h2 id="settings-later-title">{t('settings.later')}</h2>
        <ul className="planned-list" data-testid="settings-planned">
          <li>{t('settings.sound')}</li>
        </ul>
      </section>
    </section>
  );
}
