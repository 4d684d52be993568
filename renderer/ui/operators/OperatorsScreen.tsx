// Settings → Operators (security officers): every operator with roles and state; add, edit,
// disable or enable, give a new password, lift a lockout. Others read why they cannot.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorSummary } from '../../../shared/auth';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { RoleGate } from '../RoleGate';
import { BackToSettings } from '../settings/BackToSettings';
import { useStationClient } from '../station-services';
import { useAction } from '../use-action';
import { useLoaded } from '../use-loaded';
import { OperatorDialog } from './OperatorDialog';
import { OperatorTable, type RowAction } from './OperatorTable';
import { ResetPasswordDialog } from './ResetPasswordDialog';

type Editing =
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly operator: OperatorSummary }
  | { readonly kind: 'reset'; readonly operator: OperatorSummary };

function OperatorsManager() {
  const { t } = useTranslation();
  const client = useStationClient();
  const me = useStationStore((s) => s.session?.operator ?? null);
  const myId = me?.id ?? null;
  // Read again whenever a different officer signs in; nothing is read while signed out.
  const load = useCallback(async () => {
    if (myId === null) return [];
    const { operators } = await client.call('operators.list', {});
    return operators;
  }, [client, myId]);
  const list = useLoaded(load);
  const rowAction = useAction();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (text: string) => {
    setNotice(text);
    setEditing(null);
    list.reload();
  };

  const onRowAction = (action: RowAction, operator: OperatorSummary) => {
    setNotice(null);
    const name = operator.displayName;
    if (action === 'edit' || action === 'reset') {
      setEditing({ kind: action, operator });
      return;
    }
    void rowAction.run(async () => {
      if (action === 'unlock') {
        await client.call('operators.unlock', { id: operator.id });
        done(t('operators.done.unlocked', { name }));
        return;
      }
      const disabled = action === 'disable';
      await client.call('operators.update', { id: operator.id, disabled });
      done(t(disabled ? 'operators.done.disabled' : 'operators.done.enabled', { name }));
    });
  };

  return (
    <>
      <div className="toolbar">
        <button
          type="button"
          className="button button-primary"
          data-testid="operators-add"
          onClick={() => {
            setNotice(null);
            setEditing({ kind: 'create' });
          }}
        >
          {t('operators.add')}
        </button>
      </div>
      {notice && (
        <p className="form-done" role="status" data-testid="operators-notice">
          {notice}
        </p>
      )}
      {rowAction.error && (
        <ErrorNotice
          title={t('operators.actionFailed')}
          error={rowAction.error}
          testId="operators-action-error"
        >
          <button
            type="button"
            className="button"
            data-testid="operators-action-error-dismiss"
            onClick={rowAction.clear}
          >
            {t('errors.dismiss')}
          </button>
        </ErrorNotice>
      )}
      {list.error && (
        <ErrorNotice title={t('operators.loadFailed')} error={list.error} testId="operators-load-error">
          <button type="button" className="button" data-testid="operators-retry" onClick={list.reload}>
            {t('operators.retry')}
          </button>
        </ErrorNotice>
      )}
      {list.data === null && list.loading && (
        <p className="loading" data-testid="operators-loading">
          {t('operators.loading')}
        </p>
      )}
      {list.data && (
        <OperatorTable operators={list.data} myId={myId} busy={rowAction.busy} onAction={onRowAction} />
      )}
      {editing?.kind === 'create' && (
        <OperatorDialog
          operator={null}
          onCancel={() => setEditing(null)}
          onDone={(saved) => done(t('operators.done.created', { name: saved.displayName }))}
        />
      )}
      {editing?.kind === 'edit' && (
        <OperatorDialog
          operator={editing.operator}
          onCancel={() => setEditing(null)}
          onDone={(saved) => done(t('operators.done.updated', { name: saved.displayName }))}
        />
      )}
      {editing?.kind === 'reset' && (
        <ResetPasswordDialog
          operator={editing.operator}
          onCancel={() => setEditing(null)}
          onDone={(saved) => done(t('operators.done.passwordReset', { name: saved.displayName }))}
        />
      )}
    </>
  );
}

export function OperatorsScreen() {
  const { t } = useTranslation();
  return (
    <section className="operators-screen" data-testid="screen-operators">
      <BackToSettings testId="operators-back" />
      <h1>{t('operators.title')}</h1>
      <p className="lead">{t('operators.intro')}</p>
      <RoleGate method="operators.list" testId="operators">
        <OperatorsManager />
      </RoleGate>
    </section>
  );
}
