// First run: create the first security officer and, where the station seals its keys with a
// passphrase, choose that passphrase (it is typed at every start and cannot be recovered). On
// success the officer is signed in and the station moves on from setup.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { CheckField } from '../forms/CheckField';
import { SecretField } from '../forms/SecretField';
import { TextField } from '../forms/TextField';
import { hasProblems, type Problems } from '../forms/validation';
import { useSession, useStationClient } from '../station-services';
import { useStationSync } from '../station-sync-context';
import { useAction } from '../use-action';
import { EMPTY_SETUP_FORM, setupInput, validateSetup, type SetupField, type SetupForm } from './setup-form';

export function SetupScreen() {
  const { t } = useTranslation();
  const client = useStationClient();
  const session = useSession();
  const sync = useStationSync();
  const needsPassphrase = useStationStore((s) => s.status?.sealing === 'passphrase');
  const action = useAction();
  const [form, setForm] = useState<SetupForm>(EMPTY_SETUP_FORM);
  const [problems, setProblems] = useState<Problems<SetupField>>({});
  const set =
    <F extends SetupField>(field: F) =>
    (value: SetupForm[F]) =>
      setForm((f) => ({ ...f, [field]: value }));

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = validateSetup(form, needsPassphrase);
    setProblems(found);
    if (hasProblems(found)) return;
    const input = setupInput(form, needsPassphrase);
    void action
      .run(async () => {
        await client.call('station.setup', input);
        setForm(EMPTY_SETUP_FORM);
        await session.refresh();
        await sync.refreshStatus();
      })
      .then((ok) => {
        if (ok) useStationStore.getState().showScreen('settings');
      });
  };

  return (
    <section className="whole-screen setup-screen" data-testid="setup-screen">
      <h1>{t('setup.title')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      <form className="form form-wide" onSubmit={submit} noValidate>
        <fieldset className="panel fieldset">
          <legend>{t('setup.officer')}</legend>
          <TextField
            label={t('setup.username')}
            help={t('setup.usernameHelp')}
            value={form.username}
            onChange={set('username')}
            testId="setup-username"
            problem={problems.username}
            maxLength={32}
            autoFocus
          />
          <TextField
            label={t('setup.displayName')}
            help={t('setup.displayNameHelp')}
            value={form.displayName}
            onChange={set('displayName')}
            testId="setup-display-name"
            problem={problems.displayName}
            maxLength={80}
          />
          <SecretField
            label={t('setup.password')}
            help={t('form.passwordRule')}
            value={form.password}
            onChange={set('password')}
            testId="setup-password"
            problem={problems.password}
          />
          <SecretField
            label={t('setup.passwordRepeat')}
            value={form.passwordRepeat}
            onChange={set('passwordRepeat')}
            testId="setup-password-repeat"
            problem={problems.passwordRepeat}
          />
        </fieldset>
        <fieldset
          className="panel fieldset"
          data-testid="setup-sealing"
          data-sealing={needsPassphrase ? 'passphrase' : 'safe-storage'}
        >
          <legend>{t('setup.sealing')}</legend>
          {needsPassphrase ? (
            <>
              <p>{t('setup.passphraseExplain')}</p>
              <p className="important-note" data-testid="setup-passphrase-warning">
                {t('setup.passphraseWarning')}
              </p>
              <SecretField
                label={t('setup.passphrase')}
                help={t('form.passwordRule')}
                value={form.passphrase}
                onChange={set('passphrase')}
                testId="setup-passphrase"
                problem={problems.passphrase}
              />
              <SecretField
                label={t('setup.passphraseRepeat')}
                value={form.passphraseRepeat}
                onChange={set('passphraseRepeat')}
                testId="setup-passphrase-repeat"
                problem={problems.passphraseRepeat}
              />
              <CheckField
                label={t('setup.passphraseStored')}
                checked={form.passphraseStored}
                onChange={set('passphraseStored')}
                testId="setup-passphrase-stored"
                problem={problems.passphraseStored}
              />
            </>
          ) : (
            <p data-testid="setup-keystore">{t('setup.keystore')}</p>
          )}
        </fieldset>
        {action.error && <ErrorNotice title={t('setup.failed')} error={action.error} testId="setup-error" />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="setup-submit"
            disabled={action.busy}
          >
            {action.busy ? t('form.busy') : t('setup.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
