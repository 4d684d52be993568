// The operators table: name and username, roles as words, state (active, disabled, locked until
// when) as word and shape, when added, and the actions that fit the row.
import { useTranslation } from 'react-i18next';
import type { OperatorSummary } from '../../../shared/auth';
import { useStationStore } from '../../state/station-store';
import { formatDate, formatDateTime } from '../format';
import { FailIcon, LockIcon, ReadyIcon } from '../icons';
import { useRolesText } from '../roles-text';
import { useNow } from '../use-now';
import { operatorState, sortOperators, type OperatorState } from './operator-state';

export type RowAction = 'edit' | 'disable' | 'enable' | 'reset' | 'unlock';

interface OperatorTableProps {
  readonly operators: readonly OperatorSummary[];
  readonly myId: number | null;
  readonly busy: boolean;
  readonly onAction: (action: RowAction, operator: OperatorSummary) => void;
}

function StateCell({ state, username }: { readonly state: OperatorState; readonly username: string }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  return (
    <td
      className={`operator-state operator-${state.kind}`}
      data-testid={`operators-state-${username}`}
      data-state={state.kind}
    >
      {state.kind === 'active' && <ReadyIcon className="state-icon" />}
      {state.kind === 'disabled' && <FailIcon className="state-icon" />}
      {state.kind === 'locked' && <LockIcon className="state-icon" />}
      <span>
        {state.kind === 'locked'
          ? t('operators.state.locked', { time: formatDateTime(state.until, language) })
          : t(`operators.state.${state.kind}`)}
      </span>
    </td>
  );
}

export function OperatorTable({ operators, myId, busy, onAction }: OperatorTableProps) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const rolesText = useRolesText();
  const now = useNow();
  if (operators.length === 0) {
    return (
      <p className="loading" data-testid="operators-empty">
        {t('operators.empty')}
      </p>
    );
  }
  return (
    <table className="data-table" data-testid="operators-table">
      <thead>
        <tr>
          <th scope="col">{t('operators.columns.name')}</th>
          <th scope="col">{t('operators.columns.roles')}</th>
          <th scope="col">{t('operators.columns.state')}</th>
          <th scope="col">{t('operators.columns.created')}</th>
          <th scope="col">{t('operators.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {sortOperators(operators, language).map((operator) => {
          const state = operatorState(operator, now);
          const self = operator.id === myId;
          const button = (action: RowAction, label: string) => (
            <button
              type="button"
              className="button button-small"
              data-testid={`operators-${action}-${operator.username}`}
              disabled={busy}
              onClick={() => onAction(action, operator)}
            >
              {label}
            </button>
          );
          return (
            <tr
              key={operator.id}
              data-testid={`operators-row-${operator.username}`}
              className={`row-${state.kind}`}
            >
              <th scope="row" className="operator-name">
                <span className="operator-display">
                  {operator.displayName}
                  {self && <span className="badge">{t('operators.you')}</span>}
                </span>
                <code className="operator-username">{operator.username}</code>
              </th>
              <td data-testid={`operators-roles-${operator.username}`}>{rolesText(operator.roles, 'and')}</td>
              <StateCell state={state} username={operator.username} />
              <td className="nowrap">{formatDate(operator.createdAt, language)}</td>
              <td className="actions-cell">
                <div className="row-actions">
                  {button('edit', t('operators.actions.edit'))}
                  {button('reset', t('operators.actions.resetPassword'))}
                  {state.kind === 'locked' && button('unlock', t('operators.actions.unlock'))}
                  {!self &&
                    (operator.disabled
                      ? button('enable', t('operators.actions.enable'))
                      : button('disable', t('operators.actions.disable')))}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
