// The custodian types their component: masked (Show to check it), never autocompleted or spell-
// checked, and held only by the input element itself, never in React or zustand state. Once all
// 32 digits are typed, its KCV is asked for (debounced) and shown beside the KCV the custodian
// types from their sheet; they must match before it can be submitted. Submitting clears the field.
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api-error';
import { toErrorData } from '../../client/error-data';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { useStationClient } from '../station-services';
import { useStationSync } from '../station-sync-context';
import { useAction } from '../use-action';
import { compareKcv, displayKcv, isKcv, readComponent, type ComponentReading } from './component-input';

const CHECK_DELAY_MS = 400;
const NOTHING_TYPED = readComponent('');

type LiveKcv =
  | { readonly state: 'pending' }
  | { readonly state: 'checking' }
  | { readonly state: 'ready'; readonly kcv: string }
  | { readonly state: 'error'; readonly error: ApiErrorData };

export function ComponentEntry({ ceremonyId }: { readonly ceremonyId: string }) {
  const { t } = useTranslation();
  const client = useStationClient();
  const sync = useStationSync();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const checkSeq = useRef(0);
  const action = useAction();
  const [reading, setReading] = useState<ComponentReading>(NOTHING_TYPED);
  const [shown, setShown] = useState(false);
  const [live, setLive] = useState<LiveKcv>({ state: 'pending' });
  const [sheetKcv, setSheetKcv] = useState('');

  useEffect(() => () => clearTimeout(timer.current), []);

  const checkLater = (next: ComponentReading) => {
    clearTimeout(timer.current);
    const seq = ++checkSeq.current;
    setLive({ state: next.complete ? 'checking' : 'pending' });
    if (!next.complete) return;
    timer.current = setTimeout(() => {
      const component = inputRef.current?.value ?? '';
      if (!readComponent(component).complete) return;
      client.call('ceremony.checkComponent', { component }).then(
        ({ kcv }) => {
          if (seq === checkSeq.current) setLive({ state: 'ready', kcv });
        },
        (error: unknown) => {
          if (seq === checkSeq.current) setLive({ state: 'error', error: toErrorData(error) });
        },
      );
    }, CHECK_DELAY_MS);
  };

  const onType = () => {
    const next = readComponent(inputRef.current?.value ?? '');
    setReading(next);
    checkLater(next);
  };

  const clearComponent = () => {
    if (inputRef.current) inputRef.current.value = '';
    setReading(NOTHING_TYPED);
    checkLater(NOTHING_TYPED);
    setShown(false);
  };

  const comparison = compareKcv(live.state === 'ready' ? live.kcv : null, sheetKcv);
  const ready = reading.complete && isKcv(sheetKcv) && comparison !== 'mismatch';

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const component = inputRef.current?.value ?? '';
    if (!ready || !readComponent(component).complete) return;
    const kcv = sheetKcv;
    clearComponent();
    setSheetKcv('');
    void action.run(async () => {
      const ceremony = await client.call('ceremony.submitComponent', { ceremonyId, component, kcv });
      useStationStore.setState({ ceremony });
      if (ceremony.state === 'completed') await sync.refreshStatus();
    });
  };

  return (
    <form className="form component-entry" onSubmit={submit} noValidate data-testid="ceremony-entry">
      <div className="field">
        <label htmlFor={id} className="field-label">
          {t('ceremony.component.label')}
        </label>
        <p className="field-help" id={`${id}-help`}>
          {t('ceremony.component.help')}
        </p>
        <div className="secret-row">
          <input
            ref={inputRef}
            id={id}
            type="text"
            className={`input mono component-input ${shown ? '' : 'masked'}`}
            defaultValue=""
            onChange={onType}
            data-testid="ceremony-component"
            aria-describedby={`${id}-help ${id}-digits`}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            inputMode="text"
            maxLength={64}
            autoFocus
          />
          <button
            type="button"
            className="button toggle-button"
            data-testid="ceremony-component-show"
            aria-pressed={shown}
            aria-controls={id}
            onClick={() => setShown((s) => !s)}
          >
            {t(shown ? 'secret.hide' : 'secret.show')}
          </button>
        </div>
        <p
          className="field-help"
          id={`${id}-digits`}
          data-testid="ceremony-component-digits"
          data-complete={reading.complete}
        >
          {t('ceremony.component.digits', { digits: String(reading.digits) })}
        </p>
        {reading.foreign && (
          <p className="field-problem" role="alert" data-testid="ceremony-component-foreign">
            {t('ceremony.component.foreign')}
          </p>
        )}
      </div>
      <div className="kcv-compare">
        <div className="kcv-box">
          <span className="field-label">{t('ceremony.component.liveKcv')}</span>
          <span
            className={live.state === 'ready' ? 'kcv' : 'kcv-waiting'}
            data-testid="ceremony-component-kcv"
            data-state={live.state}
          >
            {live.state === 'ready'
              ? displayKcv(live.kcv)
              : live.state === 'checking'
                ? t('ceremony.component.checking')
                : live.state === 'pending'
                  ? t('ceremony.component.liveKcvPending')
                  : t('ceremony.component.checkFailed')}
          </span>
        </div>
        <div className="field kcv-box">
          <label htmlFor={`${id}-sheet`} className="field-label">
            {t('ceremony.component.sheetKcv')}
          </label>
          <input
            id={`${id}-sheet`}
            type="text"
            className="input mono kcv-input"
            value={sheetKcv}
            onChange={(event) => setSheetKcv(event.target.value)}
            data-testid="ceremony-sheet-kcv"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            maxLength={10}
          />
        </div>
      </div>
      {comparison !== 'pending' && (
        <p
          className={`kcv-result kcv-${comparison}`}
          role={comparison === 'mismatch' ? 'alert' : 'status'}
          data-testid="ceremony-kcv-compare"
          data-result={comparison}
        >
          {t(comparison === 'match' ? 'ceremony.component.match' : 'ceremony.component.mismatch')}
        </p>
      )}
      {live.state === 'error' && (
        <ErrorNotice
          title={t('ceremony.component.checkFailed')}
          error={live.error}
          testId="ceremony-check-error"
        />
      )}
      {action.error && (
        <ErrorNotice
          title={t('ceremony.component.failed')}
          error={action.error}
          testId="ceremony-submit-error"
        />
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="ceremony-submit"
          disabled={!ready || action.busy}
        >
          {action.busy ? t('form.busy') : t('ceremony.component.submit')}
        </button>
      </div>
    </form>
  );
}
