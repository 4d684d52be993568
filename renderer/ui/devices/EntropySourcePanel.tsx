// One entropy source, ISA-101 calm: its name and kind (a loud SIMULATION badge on the demo line),
// the device and key pool as word and shape (colour only when abnormal), the rate, the health-test
// margins with their history, the last GM/T 0062 checks and the draw checks. A failed pool says
// what to do and offers Acknowledge to supervisors and security officers.
import { useTranslation } from 'react-i18next';
import type { EntropySourceView } from '../../../shared/entropy';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { AlarmIcon, ConnectionIcon, FailIcon, ReadyIcon } from '../icons';
import { RoleGate } from '../RoleGate';
import { useEntropySync } from '../station-services';
import { useAction } from '../use-action';
import { CheckPanel } from './CheckPanel';
import { formatRate, poolTone } from './entropy-view';
import { HistoryPlot } from './HistoryPlot';
import { MarginBar } from './MarginBar';

function DeviceState({ source }: { readonly source: EntropySourceView }) {
  const { t } = useTranslation();
  const state = source.deviceState;
  return (
    <div className={`entropy-fact device-${state}`} data-testid="entropy-device-state" data-state={state}>
      <span className="fact-label">{t('devices.device.title')}</span>
      <span className="fact-value">
        {state === 'ready' ? (
          <ReadyIcon className="state-icon" />
        ) : state === 'failed' ? (
          <FailIcon className="state-icon" />
        ) : (
          <ConnectionIcon className="state-icon" />
        )}
        <span>{t(`devices.device.${state}`)}</span>
      </span>
      {source.deviceDetail && (
        <span className="fact-detail" data-testid="entropy-device-detail">
          {source.deviceDetail}
        </span>
      )}
    </div>
  );
}

function Acknowledge({ source }: { readonly source: EntropySourceView }) {
  const { t } = useTranslation();
  const sync = useEntropySync();
  const action = useAction();
  return (
    <RoleGate method="entropy.acknowledge" testId="entropy-acknowledge">
      <button
        type="button"
        className="button button-primary"
        data-testid="entropy-acknowledge"
        disabled={action.busy}
        onClick={() => void action.run(() => sync.acknowledge(source.id))}
      >
        {action.busy ? t('form.busy') : t('devices.acknowledge')}
      </button>
      {action.error && (
        <ErrorNotice
          title={t('devices.acknowledgeFailed')}
          error={action.error}
          testId="entropy-acknowledge-error"
        />
      )}
    </RoleGate>
  );
}

function PoolState({ source }: { readonly source: EntropySourceView }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const state = source.poolState;
  const tone = poolTone(state);
  return (
    <div className={`entropy-pool pool-${tone}`} data-testid="entropy-pool-state" data-state={state}>
      <p className="pool-word">
        {tone === 'failed' ? (
          <AlarmIcon className="pool-icon" />
        ) : tone === 'quiet' ? (
          <ReadyIcon className="pool-icon" />
        ) : (
          <ConnectionIcon className="pool-icon" />
        )}
        <span>{t('devices.pool.word', { state: t(`devices.pool.${state}`) })}</span>
        {tone === 'quiet' && (
          <span className="pool-available">
            {t('devices.available', { bytes: new Intl.NumberFormat(language).format(source.availableBytes) })}
          </span>
        )}
      </p>
      {state !== 'ready' && state !== 'failed' && (
        <p className="pool-note">{t(`devices.pool.${state}Note`)}</p>
      )}
      {state === 'failed' && (
        <>
          {source.failure && (
            <p className="pool-failure" data-testid="entropy-failure">
              {source.failure.message}
            </p>
          )}
          <p className="pool-action">{t('devices.pool.failedAction')}</p>
          <Acknowledge source={source} />
        </>
      )}
    </div>
  );
}

export function EntropySourcePanel({ source }: { readonly source: EntropySourceView }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const number = new Intl.NumberFormat(language);
  return (
    <section
      className={`panel entropy-source${source.simulated ? ' entropy-simulated' : ''}`}
      data-testid={`entropy-source-${source.id}`}
      data-simulated={source.simulated}
      aria-labelledby={`entropy-${source.id}-name`}
    >
      <header className="entropy-head">
        <div>
          <h2 id={`entropy-${source.id}-name`}>{source.name}</h2>
          <p className="entropy-kind">{t(`devices.kind.${source.kind}`)}</p>
        </div>
        {source.simulated && (
          <div className="simulated-badge" data-testid="entropy-simulated">
            <span className="simulated-word">{t('devices.simulated')}</span>
            <span className="simulated-note">{t('devices.simulatedNote')}</span>
          </div>
        )}
      </header>
      <PoolState source={source} />
      <div className="entropy-facts">
        <DeviceState source={source} />
        <div className="entropy-fact" data-testid="entropy-rate">
          <span className="fact-label">{t('devices.rate')}</span>
          <span className="fact-value numeric">{formatRate(source.bytesPerSecond, language)}</span>
        </div>
        <div className="entropy-fact" data-testid="entropy-draws">
          <span className="fact-label">{t('devices.draws.title')}</span>
          <span className={`fact-value${source.draws.failed > 0 ? ' draws-failed' : ''}`}>
            {t('devices.draws.value', {
              passed: number.format(source.draws.passed),
              failed: number.format(source.draws.failed),
            })}
          </span>
        </div>
      </div>
      <div className="entropy-health">
        <div className="entropy-margins">
          <h3>
            {t('devices.health.title')}{' '}
            <span
              className={`badge health-badge health-${source.health.state}`}
              data-testid="entropy-health-state"
            >
              {t(`devices.health.state.${source.health.state}`)}
            </span>
          </h3>
          <p className="panel-note">
            {t('devices.health.note')}{' '}
            {t('devices.health.samples', { samples: number.format(source.health.samples) })}
          </p>
          <MarginBar
            label={t('devices.health.rct')}
            margin={source.health.repetitionCount}
            testId="entropy-margin-rct"
          />
          <MarginBar
            label={t('devices.health.apt')}
            margin={source.health.adaptiveProportion}
            testId="entropy-margin-apt"
          />
        </div>
        <HistoryPlot history={source.history} />
      </div>
      <div className="entropy-checks">
        <CheckPanel
          title={t('devices.check.powerOn')}
          check={source.powerOn}
          testId="entropy-check-power-on"
        />
        <CheckPanel
          title={t('devices.check.periodic')}
          check={source.periodic}
          testId="entropy-check-periodic"
        />
      </div>
    </section>
  );
}
