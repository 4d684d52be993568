// Change your own password: the current one, the new one twice (checked as the station checks
// it), then a plain confirmation. Fields are cleared after each attempt.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { SecretField } from '../forms/SecretField';
import {
  collect,
  hasProblems,
  newPasswordProblem,
  repeatProblem,
  requiredProblem,
  type Problems,
} from '../forms/validation';
import { useSession } from '../station-services';
import { useAction } from '../use-action';

type Field = 'current' | 'next' | 'repeat';

function PasswordForm() {
  const { t } = useTranslation();
  const session = useSession();
  const close = useStationStore((s) => s.closePasswordDialog);
  const action = useAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<Problems<Field>>({});
  const [done, setDone] = useState(false);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = collect<Field>({
      current: requiredProblem(current),
      next: newPasswordProblem(next),
      repeat: repeatProblem(next, repeat),
    });
    setProblems(found);
    if (hasProblems(found)) return;
    const typed = { current, next };
    setCurrent('');
    setNext('');
    setRepeat('');
    void action.run(() => session.changePassword(typed.current, typed.next)).then((ok) => setDone(ok));
  };

  if (done) {
    return (
      <Dialog title={t('password.title')} testId="password-dialog" onClose={close}>
        <p className="form-done" data-testid="password-done" role="status">
          {t('password.done')}
        </p>
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            data-testid="password-close"
            onClick={close}
          >
            {t('form.close')}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('password.title')} testId="password-dialog" onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        <SecretField
          label={t('password.current')}
          value={current}
          onChange={setCurrent}
          testId="password-current"
          problem={problems.current}
          autoFocus
        />
        <SecretField
          label={t('password.new')}
          value={next}
          onChange={setNext}
          testId="password-new"
          problem={problems.next}
          help={t('form.passwordRule')}
        />
        <SecretField
          label={t('password.repeat')}
          value={repeat}
          onChange={setRepeat}
          testId="password-repeat"
          problem={problems.repeat}
        />
        {action.error && (
          <ErrorNotice
            title={t('password.failed')}
            error={action.error}
            advice={action.error.code === 'INVALID_CREDENTIALS' ? t('password.wrongCurrent') : undefined}
            testId="password-error"
          />
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="password-submit"
            disabled={action.busy}
          >
            {action.busy ? t('form.busy') : t('password.submit')}
          </button>
          <button type="button" className="button" data-testid="password-cancel" onClick={close}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function PasswordDialog() {
  const open = useStationStore((s) => s.passwordDialogOpen && s.session?.operator != null);
  return open ? <PasswordForm /> : null;
}
