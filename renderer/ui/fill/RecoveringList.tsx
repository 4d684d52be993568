// Fills interrupted by a station stop, each waiting for its chip: "insert chip <serial> to finish
// or fail its fill", with the reader, when it started and the step it stopped at.
import { useTranslation } from 'react-i18next';
import type { FillView } from '../../../shared/fill';
import { useStationStore } from '../../state/station-store';
import { formatDateTime } from '../format';
import { ConnectionIcon } from '../icons';

export function RecoveringList({ fills }: { readonly fills: readonly FillView[] }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  if (fills.length === 0) return null;
  return (
    <section
      className="panel recovering-panel"
      data-testid="fill-recovering"
      aria-labelledby="fill-recovering-title"
    >
      <h2 id="fill-recovering-title">
        <ConnectionIcon className="state-icon" /> {t('fill.recovering.title')}
      </h2>
      <p className="panel-note">{t('fill.recovering.note')}</p>
      <ul className="recovering-list">
        {fills.map((fill) => (
          <li
            key={fill.id}
            className="recovering-item"
            data-testid={`fill-recovering-${fill.id}`}
            data-serial={fill.serial ?? ''}
          >
            <p className="recovering-prompt">
              {fill.serial
                ? t('fill.recovering.item', { serial: fill.serial })
                : t('fill.recovering.itemNoSerial', { reader: fill.reader })}
            </p>
            <p className="panel-note">
              {t('fill.recovering.meta', {
                reader: fill.reader,
                time: formatDateTime(fill.startedAt, language),
                step: t(`fill.steps.${fill.step}`),
              })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
