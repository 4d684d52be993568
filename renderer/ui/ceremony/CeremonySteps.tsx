// One box per component: entered (by whom, with its KCV), the one being entered now, or waiting.
import { useTranslation } from 'react-i18next';
import type { CeremonyState } from '../../../shared/ceremony';
import { PassIcon } from '../icons';
import { ceremonySteps } from './ceremony-steps';
import { displayKcv } from './component-input';

export function CeremonySteps({ ceremony }: { readonly ceremony: CeremonyState }) {
  const { t } = useTranslation();
  return (
    <ol className="steps" data-testid="ceremony-steps">
      {ceremonySteps(ceremony).map((step) => (
        <li
          key={step.n}
          className={`step step-${step.state}`}
          data-testid={`ceremony-step-${step.n}`}
          data-state={step.state}
        >
          <span className="step-title">
            {step.state === 'done' && <PassIcon className="step-icon" />}
            {t('ceremony.progress.component', { n: String(step.n) })}
          </span>
          <span className="step-state">{t(`ceremony.progress.${step.state}`)}</span>
          {step.custodian !== null && (
            <span className="step-detail">{t('ceremony.progress.enteredBy', { name: step.custodian })}</span>
          )}
          {step.kcv !== null && (
            <span className="step-detail kcv-small">
              {t('ceremony.progress.kcv', { kcv: displayKcv(step.kcv) })}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
