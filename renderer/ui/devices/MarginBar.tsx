// One health-test margin: observed count against its cutoff as a bar (SVG markup, no inline style),
// calm grey while far from the cutoff, amber near it, red at failure, with the numbers beside it.
import { useTranslation } from 'react-i18next';
import type { EntropySourceView } from '../../../shared/entropy';
import { useStationStore } from '../../state/station-store';
import { clampFraction, formatPercent, marginBarClass, marginLevel } from './entropy-view';

type Margin = EntropySourceView['health']['repetitionCount'];

interface MarginBarProps {
  readonly label: string;
  readonly margin: Margin;
  readonly testId: string;
}

export function MarginBar({ label, margin, testId }: MarginBarProps) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const number = new Intl.NumberFormat(language);
  return (
    <div className="margin" data-testid={testId} data-level={marginLevel(margin.fraction)}>
      <span className="margin-label">{label}</span>
      <svg
        className={marginBarClass(margin.fraction)}
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        <rect className="margin-track" x="0" y="0" width="100" height="10" />
        <rect className="margin-fill" x="0" y="0" width={clampFraction(margin.fraction) * 100} height="10" />
      </svg>
      <span className="margin-numbers numeric">
        {t('devices.health.margin', {
          observed: number.format(margin.observed),
          cutoff: number.format(margin.cutoff),
          percent: formatPercent(margin.fraction, language),
        })}
      </span>
    </div>
  );
}
