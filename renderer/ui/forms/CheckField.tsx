// A large checkbox with its label beside it, and its problem under it.
import { useId } from 'react';
import { ProblemText } from './ProblemText';
import type { Problem } from './validation';

interface CheckFieldProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly testId: string;
  readonly problem?: Problem | null | undefined;
  readonly note?: string;
  readonly disabled?: boolean;
}

export function CheckField({ label, checked, onChange, testId, problem, note, disabled }: CheckFieldProps) {
  const id = useId();
  return (
    <div className={`check-field ${problem ? 'field-invalid' : ''}`}>
      <label className="check-label" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          className="check-box"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          data-testid={testId}
          disabled={disabled}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        <span>
          {label}
          {note && <span className="check-note">{note}</span>}
        </span>
      </label>
      {problem && <ProblemText problem={problem} id={`${id}-problem`} testId={`${testId}-problem`} />}
    </div>
  );
}
