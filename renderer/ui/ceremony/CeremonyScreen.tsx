// Settings → Key ceremony: the issuer master key now loaded, then either the ceremony in progress
// (followed live through ceremony.changed, so it carries on across custodians signing in and
// out), its result, or starting a new one (security officers).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { RoleGate } from '../RoleGate';
import { BackToSettings } from '../settings/BackToSettings';
import { useCeremonySync } from '../station-services';
import { useLoaded } from '../use-loaded';
import { CeremonyInProgress } from './CeremonyInProgress';
import { CeremonyResult } from './CeremonyResult';
import { CeremonyStart } from './CeremonyStart';
import { IssuerKeyPanel } from './IssuerKeyPanel';

function CeremonyBody() {
  const { t } = useTranslation();
  const ceremonySync = useCeremonySync();
  const ceremony = useStationStore((s) => s.ceremony);
  const acknowledged = useStationStore((s) => s.ceremonyAcknowledged);
  const officerId = useStationStore((s) =>
    s.session?.operator?.roles.includes('security_officer') ? s.session.operator.id : null,
  );
  // Read again whenever a different officer signs in; events keep it current in between.
  const load = useCallback(
    () => (officerId === null ? Promise.resolve() : ceremonySync.load()),
    [ceremonySync, officerId],
  );
  const loaded = useLoaded(load);

  return (
    <>
      {loaded.error && (
        <ErrorNotice title={t('ceremony.loadFailed')} error={loaded.error} testId="ceremony-load-error">
          <button type="button" className="button" data-testid="ceremony-retry" onClick={loaded.reload}>
            {t('ceremony.retry')}
          </button>
        </ErrorNotice>
      )}
      {ceremony?.state === 'collecting' ? (
        <CeremonyInProgress ceremony={ceremony} />
      ) : ceremony && ceremony.id !== acknowledged ? (
        <CeremonyResult ceremony={ceremony} />
      ) : (
        <RoleGate method="ceremony.start" testId="ceremony">
          <CeremonyStart />
        </RoleGate>
      )}
    </>
  );
}

export function CeremonyScreen() {
  const { t } = useTranslation();
  return (
    <section className="ceremony-screen" data-testid="screen-ceremony">
      <BackToSettings testId="ceremony-back" />
      <h1>{t('ceremony.title')}</h1>
      <p className="lead">{t('ceremony.intro')}</p>
      <IssuerKeyPanel />
      <CeremonyBody />
    </section>
  );
}
