// The station header: which station this is and how it runs, its state in one word, who is
// signed in (with sign-in, sign-out and change password), and the language switch.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../state/station-store';
import { LanguageSwitch } from './LanguageSwitch';
import { SessionArea } from './session/SessionArea';
import { StateIndicator } from './StateIndicator';

export function AppHeader() {
  const { t } = useTranslation();
  const status = useStationStore((s) => s.status);
  const sessionMatters = status?.state === 'ready' || status?.state === 'alarm';
  return (
    <header className="app-header">
      <div className="station-identity">
        <div className="station-title" data-testid="header-station-name">
          {status ? status.stationName : t('header.stationUnknown')}
        </div>
        <div className="station-subtitle">
          <span>{t('header.product')}</span>
          {status && (
            <span className="host-kind" data-testid="header-host-kind">
              {t(`header.host.${status.hostKind}`)}
            </span>
          )}
        </div>
      </div>
      <StateIndicator />
      {sessionMatters && <SessionArea />}
      <LanguageSwitch />
    </header>
  );
}
