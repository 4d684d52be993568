// Navigation between the station's screens: large buttons, the current one marked (Settings stays
// marked on the Operators and Key ceremony screens it leads to).
import { useTranslation } from 'react-i18next';
import { NAV_SCREENS, navScreenOf } from '../state/ui-slice';
import { useStationStore } from '../state/station-store';

export function NavBar() {
  const { t } = useTranslation();
  const current = useStationStore((s) => navScreenOf(s.screen));
  const showScreen = useStationStore((s) => s.showScreen);
  return (
    <nav className="nav-bar" aria-label={t('nav.label')}>
      {NAV_SCREENS.map((name) => (
        <button
          key={name}
          type="button"
          className="nav-item"
          data-testid={`nav-${name}`}
          aria-current={name === current ? 'page' : undefined}
          onClick={() => showScreen(name)}
        >
          {t(`nav.${name}`)}
        </button>
      ))}
    </nav>
  );
}
