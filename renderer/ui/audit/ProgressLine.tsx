// A long task's progress as a bar and "done of total" words, so it can be followed from afar.
import type { AuditProgress } from '../../../shared/audit';

interface ProgressLineProps {
  readonly progress: AuditProgress | null;
  readonly text: (done: string, total: string) => string;
  readonly language: string;
  readonly testId: string;
}

export function ProgressLine({ progress, text, language, testId }: ProgressLineProps) {
  const number = new Intl.NumberFormat(language);
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <div className="progress-line" data-testid={testId} role="status">
      <progress
        className="progress-bar"
        value={total > 0 ? done : undefined}
        max={total > 0 ? total : undefined}
      />
      <span>{text(number.format(done), number.format(total))}</span>
    </div>
  );
}
