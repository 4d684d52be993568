// A locked station: the passphrase unseals its keys (explained, and that it cannot be recovered);
// the station status stays visible below. A wrong passphrase is said plainly; the field is
// cleared after every attempt.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { SecretField } from '../forms/SecretField';
import { requiredProblem, type Problem } from '../forms/validation';
import { StatusPanel } from '../status/StatusPanel';
import { useSession, useStationClient } from '../station-services';
import { useStationSync } from '../station-sync-context';
import { useAction } from '../use-action';

export function UnlockScreen() {
  const { t } = useTranslation();
  const client = useStationClient();
  const session = useSession();
  const sync = useStationSync();
  const action = useAction();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = requiredProblem(passphrase);
    setProblem(found);
    if (found) return;
    const typed = passphrase;
    setPassphrase('');
    void action.run(async () => {
      await client.call('station.unlock', { passphrase: typed });
      await sync.refreshStatus();
      await session.refresh();
    });
  };

  return (
    <div className="whole-screen">
      <section className="panel unlock-panel" data-testid="unlock-screen">
        <h1>{t('unlock.title')}</h1>
        <p className="lead">{t('unlock.explain')}</p>
        <form className="form" onSubmit={submit} noValidate>
          <SecretField
            label={t('unlock.passphrase')}
            value={passphrase}
            onChange={setPassphrase}
            testId="unlock-passphrase"
            problem={problem}
            autoFocus
          />
          {action.error && (
            <ErrorNotice
              title={t('unlock.failed')}
              error={action.error}
              advice={action.error.code === 'INVALID_CREDENTIALS' ? t('unlock.wrong') : undefined}
              testId="unlock-error"
            />
          )}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="unlock-submit"
              disabled={action.busy}
            >
              {action.busy ? t('form.busy') : t('unlock.submit')}
            </button>
          </div>
        </form>
        <p className="panel-note">{t('unlock.lost')}</p>
        <p className="panel-note">{t('unlock.statusNote')}</p>
      </section>
      <StatusPanel />
    </div>
  );
}
