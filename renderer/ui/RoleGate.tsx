// Shows a screen's content only to operators whose roles the contract allows for the method the
// screen is built on; everyone else reads why not and, when nobody is signed in, gets Sign in.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodName } from '../../shared/contract';
import { useStationStore } from '../state/station-store';
import { accessTo } from './access';
import { LockIcon } from './icons';
import { useRolesText } from './roles-text';

interface RoleGateProps {
  readonly method: MethodName;
  readonly testId: string;
  readonly children: ReactNode;
}

export function RoleGate({ method, testId, children }: RoleGateProps) {
  const { t } = useTranslation();
  const operator = useStationStore((s) => s.session?.operator ?? null);
  const openSignIn = useStationStore((s) => s.openSignIn);
  const rolesText = useRolesText();
  const access = accessTo(method, operator);
  if (access.kind === 'allowed') return children;
  return (
    <div className="access-note" data-testid={`${testId}-access`} data-access={access.kind}>
      <LockIcon className="access-icon" />
      <div className="access-body">
        <p>
          {access.kind === 'signIn' || !operator
            ? t('access.signIn', { roles: rolesText(access.roles, 'or') })
            : t('access.roleMissing', {
                yours: rolesText(operator.roles, 'and'),
                roles: rolesText(access.roles, 'or'),
              })}
        </p>
        {access.kind === 'signIn' && (
          <button
            type="button"
            className="button button-primary"
            data-testid={`${testId}-sign-in`}
            onClick={() => openSignIn('requested')}
          >
            {t('access.signInButton')}
          </button>
        )}
      </div>
    </div>
  );
}
