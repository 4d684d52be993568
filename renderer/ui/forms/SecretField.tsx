// A labelled password or passphrase input: masked, with a Show/Hide toggle beside it, never
// autocompleted or spell-checked. Its value lives only in the form that owns it.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemText } from './ProblemText';
import { describedBy, type FieldProps } from './TextField';

export function SecretField({
  label,
  value,
  onChange,
  testId,
  problem,
  help,
  disabled,
  autoFocus,
}: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className={`field ${problem ? 'field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {help && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <div className="secret-row">
        <input
          id={id}
          className="input"
          type={shown ? 'text' : 'password'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          data-testid={testId}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy(help ? `${id}-help` : null, problem ? `${id}-problem` : null)}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          disabled={disabled}
          autoFocus={autoFocus}
        />
        <button
          type="button"
          className="button toggle-button"
          data-testid={`${testId}-show`}
          aria-pressed={shown}
          aria-controls={id}
          onClick={() => setShown((s) => !s)}
        >
          {t(shown ? 'secret.hide' : 'secret.show')}
        </button>
      </div>
      {problem && <ProblemText problem={problem} id={`${id}-problem`} testId={`${testId}-problem`} />}
    </div>
  );
}
