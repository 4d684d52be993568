// Give an operator who forgot their password a new one (typed twice); their sessions end.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSummary } from '../../../shared/auth';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { SecretField } from '../forms/SecretField';
import { hasProblems, type Problems } from '../forms/validation';
import { useStationClient } from '../station-services';
import { useAction } from '../use-action';
import { validateReset, type ResetForm } from './operator-form';

interface ResetPasswordDialogProps {
  readonly operator: OperatorSummary;
  readonly onCancel: () => void;
  readonly onDone: (saved: OperatorSummary) => void;
}

const EMPTY: ResetForm = { password: '', passwordRepeat: '' };

export function ResetPasswordDialog({ operator, onCancel, onDone }: ResetPasswordDialogProps) {
  const { t } = useTranslation();
  const client = useStationClient();
  const action = useAction();
  const [form, setForm] = useState<ResetForm>(EMPTY);
  const [problems, setProblems] = useState<Problems<keyof ResetForm>>({});

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = validateReset(form);
    setProblems(found);
    if (hasProblems(found)) return;
    const newPassword = form.password;
    setForm(EMPTY);
    void action.run(async () =>
      onDone(await client.call('operators.resetPassword', { id: operator.id, newPassword })),
    );
  };

  return (
    <Dialog
      title={t('operators.reset.title', { name: operator.displayName })}
      testId="operators-reset"
      onClose={onCancel}
    >
      <p className="panel-note">{t('operators.reset.note')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <SecretField
          label={t('operators.reset.password')}
          help={t('form.passwordRule')}
          value={form.password}
          onChange={(password) => setForm((f) => ({ ...f, password }))}
          testId="operators-reset-password"
          problem={problems.password}
          autoFocus
        />
        <SecretField
          label={t('operators.reset.passwordRepeat')}
          value={form.passwordRepeat}
          onChange={(passwordRepeat) => setForm((f) => ({ ...f, passwordRepeat }))}
          testId="operators-reset-password-repeat"
          problem={problems.passwordRepeat}
        />
        {action.error && (
          <ErrorNotice
            title={t('operators.actionFailed')}
            error={action.error}
            testId="operators-reset-error"
          />
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="operators-reset-submit"
            disabled={action.busy}
          >
            {action.busy ? t('form.busy') : t('operators.reset.submit')}
          </button>
          <button type="button" className="button" data-testid="operators-reset-cancel" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
