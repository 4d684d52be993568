// The health history as a small inline SVG: RCT (solid) and APT (dashed) as fractions of their
// cutoffs over time, the top edge marked as their failure line, and the draw check's p-value
// (dotted, 0…1). Colours come from CSS classes.
import { useTranslation } from 'react-i18next';
import type { EntropySourceView } from '../../../shared/entropy';
import { historyPath, historySeries } from './entropy-view';

const WIDTH = 300;
const HEIGHT = 80;

export function HistoryPlot({ history }: { readonly history: EntropySourceView['history'] }) {
  const { t } = useTranslation();
  return (
    <figure className="entropy-plot" data-testid="entropy-plot" data-points={history.length}>
      <figcaption>{t('devices.plot.title')}</figcaption>
      {history.length === 0 ? (
        <p className="panel-note">{t('devices.plot.empty')}</p>
      ) : (
        <svg
          className="plot"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={t('devices.plot.label')}
        >
          <rect className="plot-area" x="0" y="0" width={WIDTH} height={HEIGHT} />
          <line className="plot-failure" x1="0" y1="1" x2={WIDTH} y2="1" />
          <line className="plot-grid" x1="0" y1={HEIGHT / 2} x2={WIDTH} y2={HEIGHT / 2} />
          <path
            className="plot-line plot-rct"
            d={historyPath(historySeries(history, 'repetitionFraction'), WIDTH, HEIGHT)}
          />
          <path
            className="plot-line plot-apt"
            d={historyPath(historySeries(history, 'proportionFraction'), WIDTH, HEIGHT)}
          />
          <path
            className="plot-line plot-p"
            d={historyPath(historySeries(history, 'drawP'), WIDTH, HEIGHT)}
          />
        </svg>
      )}
      <p className="plot-legend">
        <span className="legend-rct">{t('devices.plot.rct')}</span>
        <span className="legend-apt">{t('devices.plot.apt')}</span>
        <span className="legend-p">{t('devices.plot.drawP')}</span>
        <span className="legend-failure">{t('devices.plot.failureLine')}</span>
      </p>
    </figure>
  );
}
