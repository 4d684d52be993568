// A ceremony collecting components: the steps, then one sentence for now (sign in as custodian n,
// enter your component, or sign out for the next custodian) with the one control it needs, and
// Cancel (confirmed) for a signed-in officer.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CeremonyState } from '../../../shared/ceremony';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { formatDateTime } from '../format';
import { useSession, useStationClient } from '../station-services';
import { useAction } from '../use-action';
import { CeremonySteps } from './CeremonySteps';
import { ComponentEntry } from './ComponentEntry';
import { ceremonyPrompt, type CeremonyPrompt } from './ceremony-steps';
import { displayKcv } from './component-input';

function PromptText({ prompt, name }: { readonly prompt: CeremonyPrompt; readonly name: string }) {
  const { t } = useTranslation();
  if (prompt.kind === 'completed' || prompt.kind === 'cancelled') return null;
  const values = { n: String(prompt.n), total: String(prompt.total) };
  const text =
    prompt.kind === 'signIn'
      ? t('ceremony.prompt.signIn', values)
      : prompt.kind === 'notOfficer'
        ? t('ceremony.prompt.notOfficer', values)
        : prompt.kind === 'enter'
          ? t('ceremony.prompt.enter', { ...values, name })
          : t('ceremony.prompt.alreadyEntered', { ...values, entered: String(prompt.entered) });
  return (
    <p className="prompt" data-testid="ceremony-prompt" data-kind={prompt.kind}>
      {text}
    </p>
  );
}

function CancelCeremony({ ceremonyId }: { readonly ceremonyId: string }) {
  const { t } = useTranslation();
  const client = useStationClient();
  const action = useAction();
  const [asking, setAsking] = useState(false);
  const cancel = () =>
    void action.run(async () => {
      const ceremony = await client.call('ceremony.cancel', { ceremonyId });
      useStationStore.setState({ ceremony });
    });
  return (
    <div className="cancel-area">
      {asking ? (
        <div className="confirm" data-testid="ceremony-cancel-question">
          <p>{t('ceremony.cancelQuestion')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-danger"
              data-testid="ceremony-cancel-confirm"
              disabled={action.busy}
              onClick={cancel}
            >
              {t('ceremony.cancelConfirm')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="ceremony-cancel-keep"
              onClick={() => setAsking(false)}
            >
              {t('ceremony.cancelKeep')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          data-testid="ceremony-cancel"
          onClick={() => setAsking(true)}
        >
          {t('ceremony.cancel')}
        </button>
      )}
      {action.error && (
        <ErrorNotice title={t('ceremony.cancelFailed')} error={action.error} testId="ceremony-cancel-error" />
      )}
    </div>
  );
}

export function CeremonyInProgress({ ceremony }: { readonly ceremony: CeremonyState }) {
  const { t } = useTranslation();
  const session = useSession();
  const operator = useStationStore((s) => s.session?.operator ?? null);
  const language = useStationStore((s) => s.language);
  const openSignIn = useStationStore((s) => s.openSignIn);
  const prompt = ceremonyPrompt(ceremony, operator);
  const mine = prompt.kind === 'alreadyEntered' ? ceremony.components[prompt.entered - 1] : undefined;

  return (
    <section
      className="panel ceremony-progress"
      aria-labelledby="ceremony-progress-title"
      data-testid="ceremony-progress"
    >
      <h2 id="ceremony-progress-title">{t('ceremony.progress.title')}</h2>
      <p className="panel-note">
        {t('ceremony.progress.startedBy', {
          time: formatDateTime(ceremony.startedAt, language),
          name: ceremony.startedBy,
        })}
      </p>
      <CeremonySteps ceremony={ceremony} />
      <PromptText prompt={prompt} name={operator?.displayName ?? ''} />
      {prompt.kind === 'signIn' && (
        <>
          <p className="panel-note">{t('ceremony.prompt.signInNote')}</p>
          <button
            type="button"
            className="button button-primary button-large"
            data-testid="ceremony-sign-in"
            onClick={() => openSignIn('requested')}
          >
            {t('ceremony.signIn')}
          </button>
        </>
      )}
      {mine && (
        <p className="form-done" role="status" data-testid="ceremony-accepted">
          {t('ceremony.accepted', {
            n: String(prompt.kind === 'alreadyEntered' ? prompt.entered : 0),
            kcv: displayKcv(mine.kcv),
          })}
        </p>
      )}
      {(prompt.kind === 'alreadyEntered' || prompt.kind === 'notOfficer') && (
        <button
          type="button"
          className="button button-primary button-large"
          data-testid="ceremony-sign-out"
          onClick={() => void session.logout()}
        >
          {t('ceremony.signOut')}
        </button>
      )}
      {prompt.kind === 'enter' && (
        <ComponentEntry
          key={`${ceremony.id}-${String(ceremony.components.length)}`}
          ceremonyId={ceremony.id}
        />
      )}
      {operator?.roles.includes('security_officer') && <CancelCeremony ceremonyId={ceremony.id} />}
    </section>
  );
}
