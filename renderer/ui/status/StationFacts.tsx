// Who this station is and how it runs: name, id, version, host, crypto provider (and whether
// STATION_CRYPTO forced it), data directory.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../../shared/status';

interface FactProps {
  readonly label: string;
  readonly testId: string;
  readonly mono?: boolean;
  readonly data?: Readonly<Record<`data-${string}`, string | boolean>>;
  readonly children: ReactNode;
}

function Fact({ label, testId, mono, data, children }: FactProps) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-testid={testId} className={mono ? 'mono' : undefined} {...data}>
        {children}
      </dd>
    </div>
  );
}

export function StationFacts({ status }: { readonly status: StationStatus }) {
  const { t } = useTranslation();
  const choice = t(
    status.cryptoProviderForced ? 'status.providerChoice.forced' : 'status.providerChoice.auto',
  );
  return (
    <section className="panel" aria-labelledby="station-facts-title">
      <h2 id="station-facts-title">{t('status.facts.title')}</h2>
      <dl className="facts">
        <Fact label={t('status.facts.stationName')} testId="station-name">
          {status.stationName}
        </Fact>
        <Fact
          label={t('status.facts.cryptoProvider')}
          testId="crypto-provider"
          data={{ 'data-provider': status.cryptoProvider, 'data-forced': status.cryptoProviderForced }}
        >
          {t(`status.provider.${status.cryptoProvider}`)}
          <span className="fact-note">{choice}</span>
        </Fact>
        <Fact label={t('status.facts.host')} testId="host-kind" data={{ 'data-host': status.hostKind }}>
          {t(`header.host.${status.hostKind}`)}
        </Fact>
        <Fact label={t('status.facts.version')} testId="station-version">
          {status.version}
        </Fact>
        <Fact label={t('status.facts.stationId')} testId="station-id" mono>
          {status.stationId}
        </Fact>
        <Fact label={t('status.facts.dataDir')} testId="data-dir" mono>
          {status.dataDir}
        </Fact>
      </dl>
    </section>
  );
}
