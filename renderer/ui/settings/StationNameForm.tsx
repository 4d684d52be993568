// Rename the station (supervisors and security officers): the name shown on every screen, on
// exports and in audit entries.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StationName } from '../../../shared/settings';
import { ErrorNotice } from '../ErrorNotice';
import { useStationClient } from '../station-services';
import { useAction } from '../use-action';

export function StationNameForm({ current }: { readonly current: string }) {
  const { t } = useTranslation();
  const client = useStationClient();
  const action = useAction();
  const [name, setName] = useState(current);
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = StationName.safeParse(name);
    setInvalid(!parsed.success);
    setSaved(null);
    if (!parsed.success) return;
    void action.run(async () => {
      const result = await client.call('station.rename', { name: parsed.data });
      setSaved(result.stationName);
    });
  };

  return (
    <form className="form inline-form" onSubmit={submit} noValidate>
      <label className="field-label" htmlFor="settings-station-name">
        {t('settings.stationName')}
      </label>
      <div className="inline-row">
        <input
          id="settings-station-name"
          className="input"
          value={name}
          maxLength={64}
          onChange={(event) => setName(event.target.value)}
          data-testid="settings-station-name"
          aria-invalid={invalid || undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <button
          type="submit"
          className="button button-primary"
          data-testid="settings-station-name-save"
          disabled={action.busy}
        >
          {action.busy ? t('form.busy') : t('settings.stationNameSave')}
        </button>
      </div>
      {invalid && (
        <p className="field-problem" role="alert" data-testid="settings-station-name-problem">
          {t('settings.stationNameInvalid')}
        </p>
      )}
      {saved !== null && (
        <p className="form-done" role="status" data-testid="settings-station-name-saved">
          {t('settings.stationNameSaved', { name: saved })}
        </p>
      )}
      {action.error && (
        <ErrorNotice
          title={t('settings.stationNameFailed')}
          error={action.error}
          testId="settings-station-name-error"
        />
      )}
    </form>
  );
}
