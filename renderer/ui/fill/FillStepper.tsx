// A fill's progress as one compact bar of nine equal segments (identify … bind): done, current
// (filled as far as the keys written during put-keys), failed or paused, waiting. Drawn as SVG
// markup (no inline style) at a fixed size, with the step in words on a line of its own, so the
// tile never changes height as the steps advance.
import { useTranslation } from 'react-i18next';
import type { FillView } from '../../../shared/fill';
import { useStationStore } from '../../state/station-store';
import { STEPPER_STEPS, stepProgress } from './fill-view';

const SEGMENT = 100;
const GAP = 8;
const HEIGHT = 14;

interface FillStepperProps {
  readonly fill: FillView;
  /** Names the progress bar for assistive technology (the reader's name). */
  readonly label: string;
}

export function FillStepper({ fill, label }: FillStepperProps) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const number = new Intl.NumberFormat(language);
  const progress = stepProgress(fill);
  const width = STEPPER_STEPS.length * SEGMENT + (STEPPER_STEPS.length - 1) * GAP;
  const currentStep = fill.state === 'done' ? 'done' : fill.step;
  const stepText = t('fill.tile.step', {
    n: String(Math.min(progress.index + 1, progress.total)),
    total: String(progress.total),
    step: t(`fill.steps.${currentStep}`),
  });
  const writing = fill.step === 'put-keys' && fill.state !== 'done';
  const keysText = t('fill.tile.keys', {
    written: number.format(fill.keysWritten),
    total: number.format(fill.poolSize),
  });
  return (
    <div className="fill-stepper" data-testid="reader-stepper" data-step={fill.step} data-state={fill.state}>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress.fraction * 100)}
        aria-valuetext={writing ? `${stepText} — ${keysText}` : stepText}
        aria-label={label}
      >
        <svg
          className="stepper-bar"
          viewBox={`0 0 ${width} ${HEIGHT}`}
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          {progress.segments.map((state, i) => {
            const x = i * (SEGMENT + GAP);
            return (
              <g key={STEPPER_STEPS[i]} className={`stepper-segment segment-${state}`}>
                <rect className="segment-track" x={x} y={0} width={SEGMENT} height={HEIGHT} />
                {state === 'current' && progress.stepFraction > 0 && (
                  <rect
                    className="segment-fill"
                    x={x}
                    y={0}
                    width={SEGMENT * progress.stepFraction}
                    height={HEIGHT}
                  />
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <p className="stepper-text">
        <span className="stepper-step" data-testid="reader-step">
          {stepText}
        </span>
        <span className="stepper-keys numeric" data-testid="reader-keys" aria-hidden={!writing}>
          {writing ? keysText : ''}
        </span>
      </p>
    </div>
  );
}
