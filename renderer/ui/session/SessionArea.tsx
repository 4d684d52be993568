// The header's session corner: who is signed in (name and roles) with Change password and Sign
// out, or "Nobody signed in" with Sign in.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { useRolesText } from '../roles-text';
import { useSession } from '../station-services';

export function SessionArea() {
  const { t } = useTranslation();
  const session = useSession();
  const operator = useStationStore((s) => s.session?.operator ?? null);
  const connected = useStationStore((s) => s.connection === 'connected');
  const openSignIn = useStationStore((s) => s.openSignIn);
  const openPassword = useStationStore((s) => s.openPasswordDialog);
  const rolesText = useRolesText();

  if (!operator) {
    return (
      <div className="session-area" data-testid="session" data-signed-in="false">
        <span className="session-none" data-testid="session-none">
          {t('session.notSignedIn')}
        </span>
        <button
          type="button"
          className="button"
          data-testid="login-open"
          disabled={!connected}
          onClick={() => openSignIn('requested')}
        >
          {t('session.signIn')}
        </button>
      </div>
    );
  }
  return (
    <div className="session-area" data-testid="session" data-signed-in="true" aria-label={t('session.label')}>
      <div className="session-who">
        <span className="session-name" data-testid="session-name">
          {operator.displayName}
        </span>
        <span className="session-roles" data-testid="session-roles">
          {rolesText(operator.roles, 'and')}
        </span>
      </div>
      <button type="button" className="button" data-testid="password-open" onClick={openPassword}>
        {t('session.changePassword')}
      </button>
      <button type="button" className="button" data-testid="logout" onClick={() => void session.logout()}>
        {t('session.signOut')}
      </button>
    </div>
  );
}
