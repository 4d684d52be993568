// Settings → Key service → Configure (security officers, when the service is not fixed by
// STATION_KEY_SERVICE): host, port, optional server name, and the pinned CA, the client
// certificate and its private key as PEM, pasted or read from a file (FileReader, as text). The
// form checks the fields' shape; the station checks the rest and its refusal is shown under the
// form. The private key lives only in this component's state: it is cleared the moment it is sent
// (whatever the answer), on Cancel and when the form closes; the store never sees it.
// data-testids: see KeyServiceSection.
import { useId, useState, type ChangeEvent, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyServiceSettingsView } from '../../../shared/sync';
import { ErrorNotice } from '../ErrorNotice';
import { describedBy, TextField } from '../forms/TextField';
import type { Problem } from '../forms/validation';
import { useKeyServiceSync } from '../station-services';
import { useAction } from '../use-action';
import {
  configureInput,
  DEFAULT_PORT,
  draftProblems,
  HOST_MAX,
  PEM_MAX,
  type DraftField,
  type DraftProblems,
  type HostProblem,
  type KeyServiceDraft,
  type PemProblem,
} from './key-service-form';

interface PemFieldProps {
  readonly label: string;
  readonly help: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
  readonly problem: PemProblem | undefined;
  readonly accept: string;
  readonly secret?: boolean;
  readonly disabled: boolean;
}

function PemField({
  label,
  help,
  value,
  onChange,
  testId,
  problem,
  accept,
  secret,
  disabled,
}: PemFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [fileProblem, setFileProblem] = useState<'fileTooLarge' | 'fileUnreadable' | null>(null);
  const shown = fileProblem ?? problem;

  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Forget the chosen file at once: only its text, in this form's state, is kept.
    input.value = '';
    setFileProblem(null);
    if (!file) return;
    if (file.size > PEM_MAX) {
      setFileProblem('fileTooLarge');
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') onChange(reader.result);
      else setFileProblem('fileUnreadable');
    };
    reader.onerror = () => setFileProblem('fileUnreadable');
    reader.readAsText(file);
  };

  return (
    <div className={`field ${shown ? 'field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <p className="field-help" id={`${id}-help`}>
        {help}
      </p>
      <textarea
        id={id}
        className={`input pem-input mono ${secret ? 'pem-secret' : ''}`}
        value={value}
        onChange={(event) => {
          setFileProblem(null);
          onChange(event.target.value);
        }}
        data-testid={testId}
        rows={secret ? 4 : 6}
        maxLength={PEM_MAX}
        placeholder={secret ? '-----BEGIN PRIVATE KEY-----' : '-----BEGIN CERTIFICATE-----'}
        aria-invalid={shown ? true : undefined}
        aria-describedby={describedBy(`${id}-help`, shown ? `${id}-problem` : null)}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        disabled={disabled}
      />
      <label className="pem-file">
        <span>{t('settings.keyService.form.fromFile')}</span>
        <input
          type="file"
          accept={accept}
          data-testid={`${testId}-file`}
          onChange={readFile}
          disabled={disabled}
        />
      </label>
      {shown && (
        <p className="field-problem" id={`${id}-problem`} data-testid={`${testId}-problem`} role="alert">
          {t(`settings.keyService.problems.${shown}`)}
        </p>
      )}
    </div>
  );
}

/** A host/port/server-name problem, worded by the shared validation texts where they fit. */
function fieldProblem(key: HostProblem | 'port' | undefined): Problem | null {
  if (key === undefined) return null;
  if (key === 'required') return { key: 'required' };
  if (key === 'tooLong') return { key: 'tooLong', values: { max: String(HOST_MAX) } };
  if (key === 'port') return { key: 'wholeNumber', values: { min: '1', max: '65535' } };
  return { key: 'host' };
}

interface KeyServiceFormProps {
  readonly current: KeyServiceSettingsView;
  readonly onSaved: (view: KeyServiceSettingsView) => void;
  readonly onCancel: () => void;
}

export function KeyServiceForm({ current, onSaved, onCancel }: KeyServiceFormProps) {
  const { t } = useTranslation();
  const sync = useKeyServiceSync();
  const action = useAction();
  const [draft, setDraft] = useState<KeyServiceDraft>(() => ({
    host: current.host ?? '',
    port: String(current.port ?? DEFAULT_PORT),
    serverName: current.serverName ?? '',
    caPem: '',
    certPem: '',
    keyPem: '',
  }));
  const [problems, setProblems] = useState<DraftProblems>({});
  const [keyCleared, setKeyCleared] = useState(false);

  const set = (field: DraftField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (problems[field]) setProblems((p) => ({ ...p, [field]: undefined }));
    if (field === 'keyPem') setKeyCleared(false);
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (action.busy) return;
    const found = draftProblems(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const input = configureInput(draft);
    // The key leaves this form with the call: it is not kept for a second try.
    setDraft((d) => ({ ...d, keyPem: '' }));
    setKeyCleared(true);
    void action.run(async () => {
      const view = await sync.configure(input);
      onSaved(view);
    });
  };

  const cancel = () => {
    setDraft((d) => ({ ...d, keyPem: '' }));
    onCancel();
  };

  return (
    <form
      className="form form-wide key-service-form"
      onSubmit={submit}
      noValidate
      data-testid="key-service-form"
      aria-labelledby="key-service-form-title"
    >
      <h3 id="key-service-form-title">
        {current.source === 'none'
          ? t('settings.keyService.form.titleNew')
          : t('settings.keyService.form.titleEdit')}
      </h3>
      <p className="panel-note">{t('settings.keyService.form.intro')}</p>
      <div className="key-service-address">
        <TextField
          label={t('settings.keyService.form.host')}
          value={draft.host}
          onChange={set('host')}
          testId="key-service-host"
          problem={fieldProblem(problems.host)}
          help={t('settings.keyService.form.hostHelp')}
          maxLength={HOST_MAX}
          mono
          disabled={action.busy}
          autoFocus
        />
        <TextField
          label={t('settings.keyService.form.port')}
          value={draft.port}
          onChange={set('port')}
          testId="key-service-port"
          problem={fieldProblem(problems.port)}
          inputMode="numeric"
          maxLength={5}
          mono
          disabled={action.busy}
        />
      </div>
      <TextField
        label={t('settings.keyService.form.serverName')}
        value={draft.serverName}
        onChange={set('serverName')}
        testId="key-service-server-name"
        problem={fieldProblem(problems.serverName)}
        help={t('settings.keyService.form.serverNameHelp')}
        maxLength={HOST_MAX}
        mono
        disabled={action.busy}
      />
      <PemField
        label={t('settings.keyService.form.ca')}
        help={t('settings.keyService.form.caHelp')}
        value={draft.caPem}
        onChange={set('caPem')}
        testId="key-service-ca"
        problem={problems.caPem}
        accept=".pem,.crt,.cer"
        disabled={action.busy}
      />
      <PemField
        label={t('settings.keyService.form.cert')}
        help={t('settings.keyService.form.certHelp')}
        value={draft.certPem}
        onChange={set('certPem')}
        testId="key-service-cert"
        problem={problems.certPem}
        accept=".pem,.crt,.cer"
        disabled={action.busy}
      />
      <PemField
        label={t('settings.keyService.form.key')}
        help={t('settings.keyService.form.keyHelp')}
        value={draft.keyPem}
        onChange={set('keyPem')}
        testId="key-service-key"
        problem={problems.keyPem}
        accept=".pem,.key"
        secret
        disabled={action.busy}
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="key-service-save"
          disabled={action.busy}
          aria-busy={action.busy}
        >
          {action.busy ? t('form.busy') : t('settings.keyService.form.save')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="key-service-cancel"
          disabled={action.busy}
          onClick={cancel}
        >
          {t('form.cancel')}
        </button>
      </div>
      {action.error && (
        <ErrorNotice
          title={t('settings.keyService.form.failed')}
          error={action.error}
          testId="key-service-save-error"
        >
          {keyCleared && (
            <p data-testid="key-service-key-cleared">{t('settings.keyService.form.keyCleared')}</p>
          )}
        </ErrorNotice>
      )}
    </form>
  );
}
