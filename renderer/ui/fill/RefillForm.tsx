// Authorise one re-fill of a chip (supervisors; the screen shows it through RoleGate): the serial,
// scanned from the label or typed (any case, spaces and colons ignored; a scanner's Enter moves on
// to the reason), and a reason for the audit trail. The chips authorised and not yet re-filled are
// listed. A failed tile's "Authorise re-fill" fills in the serial and puts the cursor on the reason.
import { useState, type RefObject, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { enterGoesTo } from '../forms/enter-goes-to';
import { TextField } from '../forms/TextField';
import type { Problems } from '../forms/validation';
import { useFillSync } from '../station-services';
import { useAction } from '../use-action';
import { REASON_MAX, refillInput, validateRefill, type RefillField } from './fill-forms';

interface RefillFormProps {
  readonly serial: string;
  readonly onSerialChange: (serial: string) => void;
  readonly reasonRef: RefObject<HTMLInputElement | null>;
  readonly authorised: readonly string[];
}

export function RefillForm({ serial, onSerialChange, reasonRef, authorised }: RefillFormProps) {
  const { t } = useTranslation();
  const sync = useFillSync();
  const action = useAction();
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems<RefillField>>({});
  const [done, setDone] = useState<string | null>(null);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const form = { serial, reason };
    setProblems(validateRefill(form));
    setDone(null);
    const input = refillInput(form);
    if (!input) return;
    void action.run(async () => {
      await sync.authoriseRefill(input.serial, input.reason);
      setDone(input.serial);
      onSerialChange('');
      setReason('');
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="refill-form">
      <p className="panel-note">{t('fill.refill.note')}</p>
      <TextField
        label={t('fill.refill.serial')}
        help={t('fill.refill.serialHelp')}
        value={serial}
        onChange={(value) => {
          onSerialChange(value);
          setProblems((p) => ({ ...p, serial: undefined }));
        }}
        testId="refill-serial"
        problem={problems.serial}
        maxLength={100}
        mono
        onKeyDown={(event) => enterGoesTo(event, reasonRef.current)}
      />
      <TextField
        label={t('fill.refill.reason')}
        help={t('fill.refill.reasonHelp')}
        value={reason}
        onChange={(value) => {
          setReason(value);
          setProblems((p) => ({ ...p, reason: undefined }));
        }}
        testId="refill-reason"
        problem={problems.reason}
        maxLength={REASON_MAX}
        inputRef={reasonRef}
      />
      {action.error && (
        <ErrorNotice title={t('fill.refill.failed')} error={action.error} testId="refill-error" />
      )}
      {done !== null && (
        <p className="form-done" role="status" data-testid="refill-done">
          {t('fill.refill.done', { serial: done })}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="refill-submit"
          disabled={action.busy}
        >
          {action.busy ? t('form.busy') : t('fill.refill.submit')}
        </button>
      </div>
      {authorised.length > 0 && (
        <div className="refill-pending">
          <p className="field-label">{t('fill.refill.pending')}</p>
          <ul className="refill-list" data-testid="refill-authorised">
            {authorised.map((s) => (
              <li key={s} className="mono" data-serial={s}>
                {s}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
