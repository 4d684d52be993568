// One reader, one tile (UX: Ledger-style device prompt): the reader's name, the chip in it, the
// fill's steps with keys written, the result, and the next action in one sentence. Idle tiles are
// quiet; a pass is a calm confirmation; a failure is loud (what happened, what the chip holds
// now, what to do) until another chip is inserted. The technical code and the station's detail are
// one click away. A chip that needs a re-fill offers supervisors the authorise form directly.
import { useTranslation } from 'react-i18next';
import type { FillView, ReaderView } from '../../../shared/fill';
import { useStationStore } from '../../state/station-store';
import { accessTo } from '../access';
import { FailIcon, PassIcon } from '../icons';
import { SimulatedTag, SyncBadge } from './FillBadges';
import { FillStepper } from './FillStepper';
import { chipStateWorthSaying, failureTextKey, shortHex, type TileView } from './fill-view';

interface ReaderTileProps {
  readonly reader: ReaderView;
  readonly index: number;
  readonly tile: TileView;
  readonly refillAuthorised: readonly string[];
  /** Opens the re-fill form for this serial (supervisors only). */
  readonly onAuthoriseRefill: (serial: string) => void;
}

function ChipLine({ reader, fill }: { readonly reader: ReaderView; readonly fill: FillView | null }) {
  const { t } = useTranslation();
  const serial = fill?.serial ?? reader.card?.serial ?? null;
  const text =
    serial !== null
      ? t('fill.tile.chip', { serial: shortHex(serial) })
      : reader.card
        ? t('fill.tile.reading')
        : t('fill.tile.noChip');
  return (
    <p className="tile-chip" data-testid="reader-serial" data-serial={serial ?? ''}>
      {text}
    </p>
  );
}

function Failure({ fill }: { readonly fill: FillView }) {
  const { t } = useTranslation();
  const code = fill.failure?.code ?? 'INTERNAL';
  const key = failureTextKey(code);
  return (
    <div className="tile-result result-failed" data-testid="reader-result" data-result="failed" role="alert">
      <p className="result-word">
        <FailIcon className="result-icon" />
        <span>{t('fill.tile.failTitle')}</span>
      </p>
      <p className="result-what" data-testid="reader-failure" data-code={code}>
        {t(`fill.failure.${key}.what`, { code })}
      </p>
      {chipStateWorthSaying(fill) && (
        <p className="result-chip-state" data-testid="reader-chip-state" data-chip-state={fill.chipState}>
          {t('fill.tile.chipHolds', { state: t(`fill.chipState.${fill.chipState}`) })}
        </p>
      )}
      <details className="tile-technical" data-testid="reader-technical">
        <summary>{t('fill.tile.technical')}</summary>
        <dl>
          <dt>{t('fill.tile.code')}</dt>
          <dd className="mono">{code}</dd>
          {fill.failure?.detail && (
            <>
              <dt>{t('fill.tile.detail')}</dt>
              <dd>{fill.failure.detail}</dd>
            </>
          )}
          {fill.serial && (
            <>
              <dt>{t('fill.history.serial')}</dt>
              <dd className="mono">{fill.serial}</dd>
            </>
          )}
        </dl>
      </details>
    </div>
  );
}

function usePrompt(tile: TileView, refillAuthorised: readonly string[]): string {
  const { t } = useTranslation();
  const fill = tile.fill;
  switch (tile.kind) {
    case 'running':
      return t('fill.tile.running');
    case 'recovering':
      return t('fill.tile.recovering', { serial: fill?.serial ?? '' });
    case 'done':
      return t('fill.tile.pass');
    case 'failed': {
      if (fill?.serial && refillAuthorised.includes(fill.serial)) return t('fill.tile.refillAuthorised');
      const code = fill?.failure?.code ?? 'INTERNAL';
      return t(`fill.failure.${failureTextKey(code)}.action`);
    }
    case 'busy':
      return t('fill.tile.busy');
    case 'present':
      return t('fill.tile.present');
    case 'insert':
      return t('fill.tile.insert');
    case 'complete':
      return t('fill.tile.complete');
    case 'no-batch':
      return t('fill.tile.noBatch');
  }
}

export function ReaderTile({ reader, index, tile, refillAuthorised, onAuthoriseRefill }: ReaderTileProps) {
  const { t } = useTranslation();
  const mayAuthorise = useStationStore(
    (s) => accessTo('fill.authoriseRefill', s.session?.operator).kind === 'allowed',
  );
  const fill = tile.fill;
  const prompt = usePrompt(tile, refillAuthorised);
  const noBatchWithCard = tile.kind === 'no-batch' && reader.card !== null;
  const code = fill?.failure?.code;
  const refillSerial =
    tile.kind === 'failed' &&
    code === 'REFILL_NEEDS_AUTHORISATION' &&
    fill?.serial &&
    !refillAuthorised.includes(fill.serial)
      ? fill.serial
      : null;
  const titleId = `reader-${index}-name`;
  return (
    <section
      className={`panel reader-tile tile-${tile.kind}${fill?.simulated ? ' tile-simulated' : ''}`}
      data-testid={`reader-${index}`}
      data-reader={reader.name}
      data-state={tile.kind}
      data-step={fill?.step ?? ''}
      data-result={fill?.state === 'done' || fill?.state === 'failed' ? fill.state : ''}
      data-failure-code={code ?? ''}
      data-card={reader.card ? 'present' : 'absent'}
      aria-labelledby={titleId}
    >
      <header className="tile-head">
        <h3 id={titleId} className="tile-name">
          {reader.name}
        </h3>
        <span className="tile-marks">
          {fill?.simulated && <SimulatedTag testId="reader-simulated" />}
          {fill?.sync && !(fill.simulated && fill.sync === 'simulated') && (
            <SyncBadge sync={fill.sync} testId="reader-sync" />
          )}
        </span>
      </header>
      <ChipLine reader={reader} fill={fill} />
      <div className="tile-progress">
        {fill ? (
          <FillStepper fill={fill} label={reader.name} />
        ) : (
          <div className="fill-stepper stepper-idle" aria-hidden="true" />
        )}
      </div>
      <div className="tile-result-slot">
        {tile.kind === 'done' && (
          <p className="tile-result result-done" data-testid="reader-result" data-result="done" role="status">
            <PassIcon className="result-icon" />
            <span>{t('fill.tile.passTitle')}</span>
          </p>
        )}
        {tile.kind === 'failed' && fill && <Failure fill={fill} />}
      </div>
      <p className="tile-prompt" data-testid="reader-prompt" aria-live="polite">
        {noBatchWithCard ? t('fill.tile.noBatchCard') : prompt}
      </p>
      {refillSerial && mayAuthorise && (
        <button
          type="button"
          className="button"
          data-testid="reader-authorise-refill"
          onClick={() => onAuthoriseRefill(refillSerial)}
        >
          {t('fill.tile.authoriseRefill')}
        </button>
      )}
      {tile.last?.serial && (
        <p className="tile-last" data-testid="reader-last">
          {t('fill.tile.last', { serial: shortHex(tile.last.serial) })}
        </p>
      )}
    </section>
  );
}
