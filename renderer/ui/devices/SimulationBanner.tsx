// Across the top of the app while any entropy source is a simulation: this is the demo line, and
// the keys it issues are marked simulated and never synced.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { SetupIcon } from '../icons';
import { anySimulated } from './entropy-view';

export function SimulationBanner() {
  const { t } = useTranslation();
  const simulated = useStationStore((s) => anySimulated(s.entropySources));
  if (!simulated) return null;
  return (
    <section className="simulation-banner" data-testid="simulation-banner" role="status">
      <SetupIcon className="simulation-icon" />
      <span className="simulation-tag">{t('devices.simulated')}</span>
      <p>{t('simulation.banner')}</p>
    </section>
  );
}
