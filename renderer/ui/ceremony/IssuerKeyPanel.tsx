// The issuer master key now loaded: its check value (the one hex a person compares, with the
// record sheet), when it was loaded and by which custodians; or that none is loaded yet.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { formatDateTime } from '../format';
import { displayKcv } from './component-input';

export function IssuerKeyPanel() {
  const { t } = useTranslation();
  const issuerKey = useStationStore((s) => s.status?.issuerKey ?? null);
  const language = useStationStore((s) => s.language);
  return (
    <section className="panel" aria-labelledby="issuer-key-title" data-testid="ceremony-issuer-key">
      <h2 id="issuer-key-title">{t('ceremony.issuerKey.title')}</h2>
      {issuerKey ? (
        <dl className="facts">
          <div className="fact">
            <dt>{t('ceremony.issuerKey.kcv')}</dt>
            <dd className="kcv" data-testid="ceremony-issuer-kcv">
              {displayKcv(issuerKey.kcv)}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('ceremony.issuerKey.loadedAt')}</dt>
            <dd data-testid="ceremony-issuer-loaded-at">{formatDateTime(issuerKey.loadedAt, language)}</dd>
          </div>
          <div className="fact">
            <dt>{t('ceremony.issuerKey.custodians')}</dt>
            <dd data-testid="ceremony-issuer-custodians">
              {new Intl.ListFormat(language, { type: 'conjunction' }).format(issuerKey.custodians)}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('ceremony.issuerKey.ceremonyId')}</dt>
            <dd className="mono">{issuerKey.ceremonyId}</dd>
          </div>
        </dl>
      ) : (
        <p className="important-note" data-testid="ceremony-issuer-none">
          {t('ceremony.issuerKey.none')}
        </p>
      )}
    </section>
  );
}
