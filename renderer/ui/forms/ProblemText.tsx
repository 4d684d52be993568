// A field's problem in words, under the field.
import { useTranslation } from 'react-i18next';
import type { Problem } from './validation';

export function ProblemText({
  problem,
  id,
  testId,
}: {
  readonly problem: Problem;
  readonly id: string;
  readonly testId: string;
}) {
  const { t } = useTranslation();
  return (
    <p className="field-problem" id={id} data-testid={testId} role="alert">
      {t(`validation.${problem.key}`, { min: problem.values?.min ?? '', max: problem.values?.max ?? '' })}
    </p>
  );
}
