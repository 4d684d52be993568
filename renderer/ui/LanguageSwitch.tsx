// Switches the station's UI language (中文 / English) for everyone at this station; the screen
// changes at once and the station persists the choice.
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/settings';
import { useStationStore } from '../state/station-store';
import { useStationSync } from './station-sync-context';

/** testIdPrefix tells the header's switch from the one on the Settings screen. */
export function LanguageSwitch({ testIdPrefix = 'language' }: { readonly testIdPrefix?: string }) {
  const { t } = useTranslation();
  const sync = useStationSync();
  const language = useStationStore((s) => s.language);
  const connected = useStationStore((s) => s.connection === 'connected');
  return (
    <div
      className="language-switch"
      role="group"
      aria-label={t('language.label')}
      data-testid={`${testIdPrefix}-switch`}
    >
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="segment"
          data-testid={`${testIdPrefix}-${option}`}
          aria-pressed={option === language}
          disabled={!connected}
          onClick={() => {
            if (option !== language) void sync.setLanguage(option);
          }}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}
