// A labelled text input with optional help and its problem under it; big enough for gloves.
import { useId, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { Problem } from './validation';
import { ProblemText } from './ProblemText';

export interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
  readonly problem?: Problem | null | undefined;
  readonly help?: ReactNode;
  readonly disabled?: boolean;
  readonly autoFocus?: boolean;
}

interface TextFieldProps extends FieldProps {
  readonly type?: 'text' | 'datetime-local' | 'search';
  readonly autoComplete?: string;
  readonly maxLength?: number;
  readonly mono?: boolean;
  readonly inputMode?: 'text' | 'numeric';
  readonly onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  readonly inputRef?: Ref<HTMLInputElement>;
}

export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string');
  return list.length > 0 ? list.join(' ') : undefined;
}

export function TextField({ inputRef, ...props }: TextFieldProps) {
  const id = useId();
  const { label, value, onChange, testId, problem, help } = props;
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
      <input
        id={id}
        className={`input ${props.mono ? 'mono' : ''}`}
        type={props.type ?? 'text'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(help ? `${id}-help` : null, problem ? `${id}-problem` : null)}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        onKeyDown={props.onKeyDown}
        ref={inputRef}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
      />
      {problem && <ProblemText problem={problem} id={`${id}-problem`} testId={`${testId}-problem`} />}
    </div>
  );
}
