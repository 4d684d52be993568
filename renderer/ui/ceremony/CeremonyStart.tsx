// Start a ceremony: choose how many components (2 to 5, one custodian each), warned when it will
// replace the key now loaded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { useStationClient } from '../station-services';
import { useAction } from '../use-action';

const COUNTS = [2, 3, 4, 5] as const;

export function CeremonyStart() {
  const { t } = useTranslation();
  const client = useStationClient();
  const hasKey = useStationStore((s) => s.status?.issuerKey != null);
  const action = useAction();
  const [count, setCount] = useState<number>(2);

  const start = () =>
    void action.run(async () => {
      const ceremony = await client.call('ceremony.start', { componentsRequired: count });
      useStationStore.setState({ ceremony });
    });

  return (
    <section
      className="panel ceremony-start"
      aria-labelledby="ceremony-start-title"
      data-testid="ceremony-start-panel"
    >
      <h2 id="ceremony-start-title">{t('ceremony.start.title')}</h2>
      <p className="field-label" id="ceremony-count-label">
        {t('ceremony.start.count')}
      </p>
      <div className="segments" role="group" aria-labelledby="ceremony-count-label">
        {COUNTS.map((n) => (
          <button
            key={n}
            type="button"
            className="segment"
            data-testid={`ceremony-count-${n}`}
            aria-pressed={n === count}
            onClick={() => setCount(n)}
          >
            {n}
          </button>
        ))}
      </div>
      {hasKey && (
        <p className="important-note" data-testid="ceremony-replace-warning">
          {t('ceremony.start.replaceWarning')}
        </p>
      )}
      {action.error && (
        <ErrorNotice title={t('ceremony.start.failed')} error={action.error} testId="ceremony-start-error" />
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="ceremony-start"
          disabled={action.busy}
          onClick={start}
        >
          {action.busy ? t('form.busy') : t('ceremony.start.submit')}
        </button>
      </div>
    </section>
  );
}
