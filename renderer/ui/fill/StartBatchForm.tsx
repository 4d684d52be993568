// Start a batch when none is open (operators and supervisors): the work order number (scanned or
// typed; a scanner's Enter moves on to the chip count), how many chips, and the pool size
// (default 1024); the profile is 'reference'. Problems are worded under each field; the station's
// refusal is worded from its code.
import { useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { enterGoesTo } from '../forms/enter-goes-to';
import { TextField } from '../forms/TextField';
import type { Problems } from '../forms/validation';
import { useFillSync } from '../station-services';
import { useAction } from '../use-action';
import {
  batchInput,
  DEFAULT_PROFILE,
  EMPTY_BATCH_FORM,
  validateBatch,
  WORK_ORDER_MAX,
  type BatchField,
  type BatchForm,
} from './fill-forms';

export function StartBatchForm() {
  const { t } = useTranslation();
  const sync = useFillSync();
  const action = useAction();
  const [form, setForm] = useState<BatchForm>(EMPTY_BATCH_FORM);
  const [problems, setProblems] = useState<Problems<BatchField>>({});
  const chipsRef = useRef<HTMLInputElement>(null);

  const set = (field: BatchField) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setProblems((p) => ({ ...p, [field]: undefined }));
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setProblems(validateBatch(form));
    const input = batchInput(form);
    if (!input) return;
    void action.run(async () => {
      await sync.startBatch(input);
      setForm(EMPTY_BATCH_FORM);
    });
  };

  return (
    <form
      className="form batch-start-form"
      onSubmit={submit}
      noValidate
      data-testid="batch-start-form"
      aria-labelledby="batch-start-title"
    >
      <h2 id="batch-start-title">{t('fill.start.title')}</h2>
      <p className="panel-note">{t('fill.start.note')}</p>
      <TextField
        label={t('fill.start.workOrder')}
        value={form.workOrder}
        onChange={set('workOrder')}
        testId="batch-work-order-input"
        problem={problems.workOrder}
        maxLength={WORK_ORDER_MAX}
        onKeyDown={(event) => enterGoesTo(event, chipsRef.current)}
        autoFocus
      />
      <div className="batch-numbers">
        <TextField
          label={t('fill.start.chips')}
          help={t('fill.start.chipsHelp')}
          value={form.chips}
          onChange={set('chips')}
          testId="batch-chips-input"
          problem={problems.chips}
          inputMode="numeric"
          inputRef={chipsRef}
          maxLength={7}
        />
        <TextField
          label={t('fill.start.poolSize')}
          help={t('fill.start.poolSizeHelp')}
          value={form.poolSize}
          onChange={set('poolSize')}
          testId="batch-pool-size-input"
          problem={problems.poolSize}
          inputMode="numeric"
          maxLength={5}
        />
      </div>
      <p className="form-fixed">
        <span className="field-label">{t('fill.start.profile')}</span>
        <span className="mono" data-testid="batch-profile">
          {DEFAULT_PROFILE}
        </span>
      </p>
      {action.error && (
        <ErrorNotice title={t('fill.start.failed')} error={action.error} testId="batch-start-error" />
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary button-large"
          data-testid="batch-start"
          disabled={action.busy}
        >
          {action.busy ? t('form.busy') : t('fill.start.submit')}
        </button>
      </div>
    </form>
  );
}
