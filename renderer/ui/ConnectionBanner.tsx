// Says plainly when this screen cannot reach the station (connection lost, or opened without
// its access token) and what to do; hidden while connected or first connecting.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../state/station-store';
import { ConnectionIcon } from './icons';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useStationStore((s) => s.connection);
  if (connection !== 'reconnecting' && connection !== 'missing-token') return null;
  const texts = connection === 'reconnecting' ? 'connection.reconnecting' : 'connection.missingToken';
  return (
    <section
      className="connection-banner"
      data-testid="connection-banner"
      data-connection={connection}
      role="alert"
    >
      <ConnectionIcon className="banner-icon" />
      <div>
        <p className="banner-title">{t(`${texts}.title`)}</p>
        <p>{t(`${texts}.body`)}</p>
      </div>
    </section>
  );
}
