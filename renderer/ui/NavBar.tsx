// Navigation between the station's screens: large buttons, the current one marked.
import { useTranslation } from 'react-i18next';
import { SCREENS } from '../state/ui-slice';
import { useStationStore } from '../state/station-store';

export function NavBar() {
  const { t } = useTranslation();
  const screen = useStationStore((s) => s.screen);
  const showScreen = useStationStore((s) => s.showScreen);
  return (
    <nav className="nav-bar" aria-label={t('nav.label')}>
      {SCREENS.map((name) => (
        <button
          key={name}
          type="button"
          className="nav-item"
          data-testid={`nav-${name}`}
          aria-current={name === screen ? 'page' : undefined}
          onClick={() => showScreen(name)}
        >
          {t(`nav.${name}`)}
        </button>
      ))}
    </nav>
  );
}
