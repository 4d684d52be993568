// How a ceremony ended: completed, with the combined key's KCV big and clear to compare with the
// key's record; or cancelled, with no key changed. Done puts it away.
import { useTranslation } from 'react-i18next';
import type { CeremonyState } from '../../../shared/ceremony';
import { useStationStore } from '../../state/station-store';
import { PassIcon } from '../icons';
import { displayKcv } from './component-input';

export function CeremonyResult({ ceremony }: { readonly ceremony: CeremonyState }) {
  const { t } = useTranslation();
  const acknowledge = useStationStore((s) => s.acknowledgeCeremony);
  const done = (
    <div className="form-actions">
      <button
        type="button"
        className="button button-primary"
        data-testid="ceremony-done"
        onClick={() => acknowledge(ceremony.id)}
      >
        {t('ceremony.complete.done')}
      </button>
    </div>
  );
  if (ceremony.state === 'cancelled') {
    return (
      <section className="panel" data-testid="ceremony-cancelled">
        <p className="lead">{t('ceremony.cancelled')}</p>
        {done}
      </section>
    );
  }
  return (
    <section
      className="panel ceremony-complete"
      data-testid="ceremony-complete"
      aria-labelledby="ceremony-complete-title"
    >
      <h2 id="ceremony-complete-title" className="complete-title">
        <PassIcon className="complete-icon" />
        {t('ceremony.complete.title')}
      </h2>
      <p className="field-label">{t('ceremony.complete.kcv')}</p>
      <p className="kcv-big" data-testid="ceremony-combined-kcv">
        {ceremony.combinedKcv ? displayKcv(ceremony.combinedKcv) : '—'}
      </p>
      <p className="lead">{t('ceremony.complete.compare')}</p>
      {done}
    </section>
  );
}
