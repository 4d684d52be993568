// Add an operator (username, name, roles, first password twice) or edit one (name and roles; the
// username stays). Warns an officer who is about to remove their own officer role.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSummary } from '../../../shared/auth';
import { ROLES } from '../../../shared/roles';
import { useStationStore } from '../../state/station-store';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { CheckField } from '../forms/CheckField';
import { ProblemText } from '../forms/ProblemText';
import { SecretField } from '../forms/SecretField';
import { TextField } from '../forms/TextField';
import { hasProblems, type Problems } from '../forms/validation';
import { useStationClient } from '../station-services';
import { useAction } from '../use-action';
import {
  EMPTY_OPERATOR_FORM,
  createInput,
  editFormOf,
  toggleRole,
  updateInput,
  validateCreate,
  validateEdit,
  type OperatorField,
  type OperatorForm,
} from './operator-form';

interface OperatorDialogProps {
  /** null to add a new operator. */
  readonly operator: OperatorSummary | null;
  readonly onCancel: () => void;
  readonly onDone: (saved: OperatorSummary) => void;
}

export function OperatorDialog({ operator, onCancel, onDone }: OperatorDialogProps) {
  const { t } = useTranslation();
  const client = useStationClient();
  const myId = useStationStore((s) => s.session?.operator?.id ?? null);
  const action = useAction();
  const [form, setForm] = useState<OperatorForm>(operator ? editFormOf(operator) : EMPTY_OPERATOR_FORM);
  const [problems, setProblems] = useState<Problems<OperatorField>>({});
  const set = (field: 'username' | 'displayName' | 'password' | 'passwordRepeat') => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const removesOwnOfficerRole =
    operator !== null && operator.id === myId && !form.roles.includes('security_officer');

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = operator ? validateEdit(form) : validateCreate(form);
    setProblems(found);
    if (hasProblems(found)) return;
    void action.run(async () => {
      const saved = operator
        ? await client.call('operators.update', updateInput(operator, form))
        : await client.call('operators.create', createInput(form));
      setForm((f) => ({ ...f, password: '', passwordRepeat: '' }));
      onDone(saved);
    });
  };

  return (
    <Dialog
      title={
        operator
          ? t('operators.form.editTitle', { name: operator.displayName })
          : t('operators.form.addTitle')
      }
      testId="operators-form"
      onClose={onCancel}
    >
      <form className="form" onSubmit={submit} noValidate>
        {operator ? (
          <p className="form-fixed">
            <span className="field-label">{t('operators.form.username')}</span>
            <code data-testid="operators-form-username-fixed">{operator.username}</code>
          </p>
        ) : (
          <TextField
            label={t('operators.form.username')}
            help={t('setup.usernameHelp')}
            value={form.username}
            onChange={set('username')}
            testId="operators-form-username"
            problem={problems.username}
            maxLength={32}
            autoFocus
          />
        )}
        <TextField
          label={t('operators.form.displayName')}
          value={form.displayName}
          onChange={set('displayName')}
          testId="operators-form-display-name"
          problem={problems.displayName}
          maxLength={80}
          autoFocus={operator !== null}
        />
        <fieldset
          className="fieldset-plain"
          aria-describedby={problems.roles ? 'operators-form-roles-problem' : undefined}
        >
          <legend className="field-label">{t('operators.form.roles')}</legend>
          {ROLES.map((role) => (
            <CheckField
              key={role}
              label={t(`roles.${role}`)}
              note={t(`operators.roleHelp.${role}`)}
              checked={form.roles.includes(role)}
              onChange={() => setForm((f) => ({ ...f, roles: toggleRole(f.roles, role) }))}
              testId={`operators-form-role-${role}`}
            />
          ))}
          {problems.roles && (
            <ProblemText
              problem={problems.roles}
              id="operators-form-roles-problem"
              testId="operators-form-roles-problem"
            />
          )}
        </fieldset>
        {removesOwnOfficerRole && (
          <p className="important-note" data-testid="operators-form-self-warning">
            {t('operators.form.selfOfficerWarning')}
          </p>
        )}
        {!operator && (
          <>
            <SecretField
              label={t('operators.form.password')}
              help={`${t('form.passwordRule')} ${t('operators.form.passwordNote')}`}
              value={form.password}
              onChange={set('password')}
              testId="operators-form-password"
              problem={problems.password}
            />
            <SecretField
              label={t('operators.form.passwordRepeat')}
              value={form.passwordRepeat}
              onChange={set('passwordRepeat')}
              testId="operators-form-password-repeat"
              problem={problems.passwordRepeat}
            />
          </>
        )}
        {action.error && (
          <ErrorNotice
            title={t('operators.actionFailed')}
            error={action.error}
            testId="operators-form-error"
          />
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="operators-form-submit"
            disabled={action.busy}
          >
            {action.busy
              ? t('form.busy')
              : t(operator ? 'operators.form.submitEdit' : 'operators.form.submitAdd')}
          </button>
          <button type="button" className="button" data-testid="operators-form-cancel" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
