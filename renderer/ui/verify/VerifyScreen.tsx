// The Verify screen (anyone signed in): choose the reader the chip is in (preselected when there
// is only one), press Verify, and read the report. The readers come from the fill line status,
// read when the screen opens; each reader keeps its last report until it is verified again.
//
// data-testids for end-to-end tests:
//   screen-verify                   the screen (verify-access + verify-sign-in when not signed in)
//   verify-readers                  the reader picker; verify-reader-<index> buttons (data-reader,
//                                   data-card = present | absent, aria-pressed when chosen)
//   verify-no-readers, verify-choose, verify-load-error
//   verify-button                   Verify (disabled until a reader is chosen, busy while checking)
//   verify-error                    the station refused or failed the check (data-code)
//   verify-report                   the report; data-verdict, data-stale
//   verify-verdict                  headline; data-verdict = genuine | mismatch | unbound |
//                                   not-filled | error; verify-action (next action), verify-detail
//   verify-stale                    the chip in the report has since been taken out
//   verify-serial, verify-chip-state (data-chip-state)
//   verify-binding                  the fill record: verify-work-order, verify-batch, verify-bound-at,
//                                   verify-operator, verify-pool-size, verify-pool-digest
//                                   (data-digest = full digest), verify-copy-digest (data-state =
//                                   idle | copied | failed), verify-simulated, verify-sync (data-sync)
//   verify-no-binding               no record of the chip
//   verify-pool-check (data-result = match | mismatch | not-run), verify-keys-proved (data-value),
//   verify-failed-keys (data-count)
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { RoleGate } from '../RoleGate';
import { useFillSync } from '../station-services';
import { useAction } from '../use-action';
import { chosenReader, reportIsStale } from './verify-view';
import { VerifyReportView } from './VerifyReportView';

const NO_READERS: never[] = [];

function VerifyBody() {
  const { t } = useTranslation();
  const sync = useFillSync();
  const readers = useStationStore((s) => s.fillStatus?.readers ?? NO_READERS);
  const loaded = useStationStore((s) => s.fillStatus !== null);
  const loadError = useStationStore((s) => s.fillError);
  const results = useStationStore((s) => s.verifyResults);
  const action = useAction();
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    void sync.load();
  }, [sync]);

  const reader = chosenReader(readers, selected);
  const result = reader === null ? undefined : results[reader];
  const verify = () => {
    if (reader !== null) void action.run(() => sync.verify(reader));
  };

  return (
    <>
      {loadError && (
        <ErrorNotice title={t('fill.loadFailed')} error={loadError} testId="verify-load-error">
          <button
            type="button"
            className="button"
            data-testid="verify-retry"
            onClick={() => void sync.load()}
          >
            {t('fill.retry')}
          </button>
        </ErrorNotice>
      )}
      <section className="panel verify-panel" aria-labelledby="verify-reader-label">
        <p className="field-label" id="verify-reader-label">
          {t('verify.reader')}
        </p>
        {loaded && readers.length === 0 ? (
          <p className="loading" data-testid="verify-no-readers">
            {t('verify.noReaders')}
          </p>
        ) : (
          <div
            className="reader-picker"
            role="group"
            aria-labelledby="verify-reader-label"
            data-testid="verify-readers"
          >
            {readers.map((r, index) => (
              <button
                key={r.name}
                type="button"
                className="reader-choice"
                data-testid={`verify-reader-${index}`}
                data-reader={r.name}
                data-card={r.card ? 'present' : 'absent'}
                aria-pressed={r.name === reader}
                onClick={() => {
                  setSelected(r.name);
                  action.clear();
                }}
              >
                <span className="reader-choice-name">{r.name}</span>
                <span className="reader-choice-card">
                  {r.card ? t('verify.cardPresent') : t('verify.cardAbsent')}
                </span>
              </button>
            ))}
          </div>
        )}
        {readers.length > 1 && reader === null && (
          <p className="panel-note" data-testid="verify-choose">
            {t('verify.chooseReader')}
          </p>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary button-large"
            data-testid="verify-button"
            disabled={reader === null || action.busy}
            aria-busy={action.busy}
            onClick={verify}
          >
            {action.busy ? t('verify.busy') : t('verify.submit')}
          </button>
        </div>
        {action.error && (
          <ErrorNotice title={t('verify.failed')} error={action.error} testId="verify-error" />
        )}
      </section>
      {result && !action.busy && (
        <VerifyReportView
          result={result}
          stale={reportIsStale(
            result.report,
            readers.find((r) => r.name === reader),
          )}
        />
      )}
    </>
  );
}

export function VerifyScreen() {
  const { t } = useTranslation();
  return (
    <section className="verify-screen" data-testid="screen-verify">
      <h1>{t('verify.title')}</h1>
      <p className="lead">{t('verify.intro')}</p>
      <RoleGate method="verify.chip" testId="verify">
        <VerifyBody />
      </RoleGate>
    </section>
  );
}
