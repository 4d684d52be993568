// The sign-in dialog: why it is asked for (on request, a call that needed it, inactivity, a
// renewed connection), username and password, and a refusal in operator words (wrong
// credentials, locked out until when, disabled). The password is cleared after every attempt.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api-error';
import type { SignInReason } from '../../state/session-slice';
import { useStationStore } from '../../state/station-store';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { SecretField } from '../forms/SecretField';
import { TextField } from '../forms/TextField';
import { formatDateTime } from '../format';
import { useSession } from '../station-services';
import { useAction } from '../use-action';
import { loginFailure } from './login-failure';

function useReasonText(reason: SignInReason): string {
  const { t } = useTranslation();
  const idleSeconds = useStationStore((s) => s.session?.idleTimeoutSeconds ?? 900);
  if (reason === 'expired')
    return t('signIn.reasons.expired', {
      minutes: String(Math.max(1, Math.round(idleSeconds / 60))),
    });
  return t(`signIn.reasons.${reason}`);
}

function useFailureText(): (error: ApiErrorData) => string | undefined {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  return (error) => {
    const failure = loginFailure(error);
    if (failure.kind === 'credentials') return t('signIn.failures.credentials');
    if (failure.kind === 'disabled') return t('signIn.failures.disabled');
    if (failure.kind === 'lockedOut') {
      return failure.until
        ? t('signIn.failures.lockedUntil', { time: formatDateTime(failure.until, language) })
        : t('signIn.failures.locked');
    }
    return undefined;
  };
}

function SignInForm({ reason }: { readonly reason: SignInReason }) {
  const { t } = useTranslation();
  const session = useSession();
  const close = useStationStore((s) => s.closeSignIn);
  const action = useAction();
  const failureText = useFailureText();
  const reasonText = useReasonText(reason);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    const typed = password;
    setPassword('');
    void action.run(() => session.login(username.trim().toLowerCase(), typed));
  };

  return (
    <Dialog title={t('signIn.title')} testId="login-dialog" onClose={close}>
      <p
        className={`dialog-reason ${reason === 'requested' ? '' : 'dialog-reason-notice'}`}
        data-testid="login-reason"
        data-reason={reason}
      >
        {reasonText}
      </p>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t('signIn.username')}
          value={username}
          onChange={setUsername}
          testId="login-username"
          autoFocus
        />
        <SecretField
          label={t('signIn.password')}
          value={password}
          onChange={setPassword}
          testId="login-password"
        />
        {missing && (
          <p className="field-problem" role="alert" data-testid="login-missing">
            {t('signIn.missing')}
          </p>
        )}
        {action.error && (
          <ErrorNotice
            title={t('signIn.failed')}
            error={action.error}
            advice={failureText(action.error)}
            testId="login-error"
          />
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="login-submit"
            disabled={action.busy}
          >
            {action.busy ? t('form.busy') : t('signIn.submit')}
          </button>
          <button type="button" className="button" data-testid="login-cancel" onClick={close}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function SignInDialog() {
  const signIn = useStationStore((s) => s.signIn);
  return signIn ? <SignInForm reason={signIn.reason} /> : null;
}
